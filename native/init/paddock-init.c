/*
 * paddock-init: PID 1 of every Paddock sandbox, and the door every exec goes through.
 *
 *   paddock-init [-r PATH]... [-w PATH]... [-c best_effort|hard_requirement] [-i connect-time] [-m linger]
 *                -- [CMD ARG...]
 *       PID 1. Runs nothing until the host says the fence is in (see wait_for_fence), then starts CMD under
 *       Landlock (or, with no CMD, only holds), reaps every zombie, forwards signals to CMD and exits with its
 *       status (128+N when a signal N killed it).
 *   paddock-init exec -- CMD ARG...
 *       For `docker exec`: waits until PID 1 is fenced, applies PID 1's Landlock rules (read from
 *       /proc/1/cmdline, so there is one source of truth) and execs CMD in place.
 *   paddock-init probe      prints "abi N" (0: no Landlock here, and why), for the host's record.
 *   paddock-init kill       SIGKILLs every process the caller may signal (all of the sandbox user's).
 *
 * -i connect-time installs the identity filter (notify.c) before the fence, its listener at NOTIFY_FD for the host
 * to take. -r gives read and execute beneath PATH, -w every right; everything else is inaccessible. No -r and no -w:
 * no Landlock at all (as OpenShell). Static and dependency-free; no allocation after the fence but argv.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../seccomp-notify.h"

/* landlock.c */
int landlock_abi(char *why, size_t size);
int landlock_apply(const char *const *ro, int nro, const char *const *rw, int nrw, int hard, char *why,
                   size_t size);
/* notify.c */
int notify_install(char *why, size_t size);

/* PID 1's name once the fence is in. Only a process itself can set its own comm (/proc/<pid>/comm refuses
 * writes from other processes), and before the fence nothing but paddock-init runs in the sandbox. */
#define FENCED_NAME "paddock-fenced"
/* Our own failures (bad arguments, Landlock required but unavailable): distinct from 126/127 of exec. */
#define EXIT_INIT 125
#define MAX_PATHS 512

struct rules {
  const char *ro[MAX_PATHS], *rw[MAX_PATHS];
  int nro, nrw, hard, linger;
  int identity; /* -i connect-time: the connect-time identity filter (notify.c) */
};

static void die(const char *what) {
  dprintf(2, "paddock-init: %s\n", what);
  _exit(EXIT_INIT);
}

/* Options up to "--"; returns the index of the first word after it (argc when there is none). */
static int parse_rules(int argc, char **argv, int from, struct rules *r) {
  int i = from;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) return i + 1;
    if (i + 1 >= argc) die("an option lacks its value");
    const char *v = argv[++i];
    if (strcmp(a, "-r") == 0 && r->nro < MAX_PATHS) r->ro[r->nro++] = v;
    else if (strcmp(a, "-w") == 0 && r->nrw < MAX_PATHS) r->rw[r->nrw++] = v;
    else if (strcmp(a, "-c") == 0) {
      if (strcmp(v, "hard_requirement") == 0) r->hard = 1;
      else if (strcmp(v, "best_effort") == 0) r->hard = 0;
      else die("-c takes best_effort or hard_requirement");
    } else if (strcmp(a, "-m") == 0) {
      if (strcmp(v, "linger") != 0) die("-m takes linger");
      r->linger = 1;
    } else if (strcmp(a, "-i") == 0) {
      if (strcmp(v, "connect-time") != 0) die("-i takes connect-time");
      r->identity = 1;
    } else die("unknown option (or more than 512 paths)");
  }
  return i;
}

/* The status to exit with for a wait() status: the code, or 128+signal as a shell says it. */
static int exit_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return EXIT_INIT;
}

/* Exec CMD (PATH searched); only returns by exiting 126/127 as a shell would. */
static void run(char **cmd) {
  execvp(cmd[0], cmd);
  int code = errno == ENOENT ? 127 : 126;
  /* One write, recognised by the host (src/sandbox/exec.ts) when it is all the command said. */
  dprintf(2, "paddock-init: not started: %s: %s\n", cmd[0], strerror(errno));
  _exit(code);
}

/* Apply the rules to this process and its future children; fail closed under hard_requirement. */
static void restrict_self(const struct rules *r) {
  if (r->nro + r->nrw == 0) return;
  char why[160];
  if (landlock_apply(r->ro, r->nro, r->rw, r->nrw, r->hard, why, sizeof why) != 0) {
    if (r->hard) {
      dprintf(2, "paddock-init: landlock.compatibility is hard_requirement: %s\n", why);
      _exit(EXIT_INIT);
    }
    dprintf(2, "paddock-init: running without Landlock (best_effort): %s\n", why);
  }
}

/* Reap every exited child; returns 1 and sets *status when `main_pid` was among them. */
static int reap(pid_t main_pid, int *status) {
  int found = 0, st;
  pid_t pid;
  while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
    if (pid == main_pid) {
      *status = st;
      found = 1;
    }
  }
  return found;
}

static int stops(int sig) { return sig == SIGTERM || sig == SIGINT || sig == SIGHUP || sig == SIGQUIT; }

/*
 * Block until the host signals that the fence is in. The proof is SIGUSR1 with si_code SI_USER and si_pid 0:
 * the kernel writes si_pid itself, as the sender's pid seen from our pid namespace, and a sender outside it
 * (the engine, on `docker kill --signal SIGUSR1`) has none there, hence 0. Every process in the sandbox has a
 * pid in it, and rt_sigqueueinfo() may not claim SI_USER for another process (EPERM), so none can fake it.
 */
static void wait_for_fence(sigset_t *all, int holding) {
  for (;;) {
    siginfo_t si;
    if (sigwaitinfo(all, &si) < 0) continue;
    if (si.si_signo == SIGUSR1 && si.si_code == SI_USER && si.si_pid == 0) return;
    if (si.si_signo == SIGCHLD) reap(0, &(int){0});
    else if (stops(si.si_signo)) _exit(holding ? 0 : 128 + si.si_signo);
    else dprintf(2, "paddock-init: ignored signal %d from pid %d before the fence\n", si.si_signo, (int)si.si_pid);
  }
}

/* The run mode (-m linger): the command's end is reported on both streams, keyed with a secret only init holds. */
#define RUN_KEY_ENV "PADDOCK_RUN_KEY"
#define RUN_END "paddock-init: run ended "
static char run_key[65];

/* Whether a signal came from outside the sandbox's pid namespace: the host, through the engine. */
static int from_host(const siginfo_t *si) { return si->si_code == SI_USER && si->si_pid == 0; }

/* Keep the host's key (32 to 64 characters) and wipe it from the environment the command inherits. */
static void take_run_key(void) {
  char *v = getenv(RUN_KEY_ENV);
  size_t n = v ? strlen(v) : 0;
  if (n < 32 || n >= sizeof run_key) die("-m linger needs " RUN_KEY_ENV " (32 to 64 characters)");
  memcpy(run_key, v, n + 1);
  memset(v, 0, n);
  unsetenv(RUN_KEY_ENV);
}

/*
 * The command ended with `code`: SIGKILL everything else in the sandbox (what `docker run` does when its
 * command exits) and reap it, so no process but init can write any more; then write the status line, on both
 * streams, with the key, which the command never saw (not in its environment; init is not dumpable), so it
 * cannot forge the line. Then hold (the host copies outputs out, may run verify through exec mode) until the
 * host stops the container.
 */
static void linger(sigset_t *all, int code) {
  for (;;) {
    kill(-1, SIGKILL);
    if (waitpid(-1, NULL, 0) < 0 && errno == ECHILD) break;
  }
  /* On both streams: the engine copies each on its own, so the host knows each has all the command wrote. */
  dprintf(1, RUN_END "%s status %d\n", run_key, code);
  dprintf(2, RUN_END "%s status %d\n", run_key, code);
  for (;;) {
    siginfo_t si;
    if (sigwaitinfo(all, &si) < 0) continue;
    if (si.si_signo == SIGCHLD) reap(0, &(int){0});
    else if (stops(si.si_signo) && from_host(&si)) _exit(0);
  }
}

static int init_main(int argc, char **argv) {
  struct rules r = {0};
  int first = parse_rules(argc, argv, 1, &r);
  char **cmd = argv + first;
  int holding = first >= argc;
  if (r.linger && holding) die("-m linger needs a command");
  if (r.linger) take_run_key();
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, NULL);
  /* Not dumpable: no process of the sandbox user may open /proc/1/fd, /proc/1/mem or /proc/1/environ. */
  prctl(PR_SET_DUMPABLE, 0);
  if (r.identity) {
    /* The host takes the listener before it signals; a failure leaves none to take, and the host fails us. */
    char why[160];
    if (notify_install(why, sizeof why) != 0) dprintf(2, "paddock-init: no connect-time identity: %s\n", why);
  }
  wait_for_fence(&all, holding);
  if (r.identity) close(NOTIFY_FD); /* the host holds its own copy now; nothing here may answer for itself */
  prctl(PR_SET_NAME, FENCED_NAME);
  pid_t child = -1;
  if (!holding) {
    child = fork();
    if (child < 0) die("fork failed");
    if (child == 0) {
      sigprocmask(SIG_UNBLOCK, &all, NULL);
      prctl(PR_SET_DUMPABLE, 1); /* what a normal process is; execve decides again */
      restrict_self(&r);
      run(cmd);
    }
  }
  for (;;) {
    siginfo_t si;
    int status;
    if (sigwaitinfo(&all, &si) < 0) continue;
    if (si.si_signo == SIGCHLD) {
      if (reap(child, &status)) {
        if (r.linger) linger(&all, exit_status(status));
        return exit_status(status);
      }
    } else if (r.linger && si.si_signo == SIGUSR2 && from_host(&si)) {
      kill(-1, SIGKILL); /* the host ends the run (timeout, output limit, cancel): linger() reports it */
    } else if (holding) {
      if (stops(si.si_signo)) return 0;
    } else if (si.si_signo != SIGKILL && si.si_signo != SIGSTOP) {
      kill(child, si.si_signo); /* forward: TERM, INT, HUP, QUIT, USR1/2, WINCH, … */
    }
  }
}

/* Whether PID 1 has been told the fence is in (see FENCED_NAME). */
static int fenced(void) {
  char name[32] = {0};
  int fd = open("/proc/1/comm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, name, sizeof name - 1);
  close(fd);
  return n > 0 && strncmp(name, FENCED_NAME "\n", sizeof FENCED_NAME) == 0;
}

/* PID 1's command line, as argv (NUL-separated words); exits when it cannot be read. */
static int pid1_argv(char ***out) {
  static char buf[4 << 20];
  size_t len = 0;
  ssize_t n;
  int fd = open("/proc/1/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0) die("cannot read /proc/1/cmdline");
  while (len < sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0) len += (size_t)n;
  close(fd);
  int argc = 0;
  for (size_t i = 0; i < len; i++) argc += buf[i] == 0;
  char **argv = calloc((size_t)argc + 1, sizeof *argv);
  if (!argv) die("out of memory");
  for (size_t i = 0, k = 0; i < len && (int)k < argc; k++) {
    argv[k] = buf + i;
    i += strlen(buf + i) + 1;
  }
  *out = argv;
  return argc;
}

/*
 * An exec is no child of PID 1, so it has none of its filter: it installs its own, names itself ATTACH_NAME
 * (the host's paddock-identd watches comm changes and takes the listener), and waits for the same proof as PID 1
 * (SIGUSR1 from outside the pid namespace) before it goes on. No filter, or no answer in time: nothing runs.
 */
#define ATTACH_NAME "paddock-attach"
#define ATTACH_SECONDS 10
static void attach_identity(void) {
  char why[160];
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  if (notify_install(why, sizeof why) != 0) {
    dprintf(2, "paddock-init: process.identity is connect-time: %s\n", why);
    _exit(EXIT_INIT);
  }
  prctl(PR_SET_NAME, ATTACH_NAME);
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += ATTACH_SECONDS;
  for (;;) {
    struct timespec left, now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    left.tv_sec = deadline.tv_sec - now.tv_sec;
    left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
    if (left.tv_nsec < 0) left.tv_sec--, left.tv_nsec += 1000000000L;
    siginfo_t si;
    if (left.tv_sec < 0 || (sigtimedwait(&all, &si, &left) < 0 && errno == EAGAIN)) {
      dprintf(2, "paddock-init: process.identity is connect-time, and the gateway did not take this exec's "
                 "listener within %d s\n", ATTACH_SECONDS);
      _exit(EXIT_INIT);
    }
    if (si.si_signo == SIGUSR1 && si.si_code == SI_USER && si.si_pid == 0) break;
    if (stops(si.si_signo)) _exit(128 + si.si_signo);
  }
  close(NOTIFY_FD);
  sigprocmask(SIG_SETMASK, &old, NULL);
}

static int exec_main(int argc, char **argv) {
  int first = 2;
  if (first < argc && strcmp(argv[first], "--") == 0) first++;
  if (first >= argc) die("exec: no command");
  unsetenv(RUN_KEY_ENV); /* the container's environment holds it; an exec'd process has no use for it */
  /* A poll of PID 1's name: it changes once, and only PID 1 can change it. */
  while (!fenced()) nanosleep(&(struct timespec){0, 5 * 1000 * 1000}, NULL);
  char **pid1;
  int n = pid1_argv(&pid1);
  struct rules r = {0};
  parse_rules(n, pid1, 1, &r);
  if (r.identity) attach_identity();
  restrict_self(&r);
  run(argv + first);
  return EXIT_INIT;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "exec") == 0) return exec_main(argc, argv);
  if (argc == 2 && strcmp(argv[1], "probe") == 0) {
    char why[160];
    int abi = landlock_abi(why, sizeof why);
    if (abi > 0) printf("abi %d\n", abi);
    else printf("abi 0 %s\n", why);
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "kill") == 0) {
    /* kill(-1) spares the caller and PID 1; repeated, for children forked between two rounds. */
    for (int i = 0; i < 8; i++) kill(-1, SIGKILL);
    return 0;
  }
  return init_main(argc, argv);
}

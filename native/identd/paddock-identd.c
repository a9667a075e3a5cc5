/*
 * paddock-identd: the gateway's connect-time identity helper (docs/security.md, "Connect-time identity").
 * One per gateway, root on the host, spoken to over stdin/stdout in lines (src/gateway/identity/protocol.ts):
 *
 *   in:  attach KEY PID     take the seccomp listener of init (host pid PID) at NOTIFY_FD; answers
 *                           "attached KEY" or "error KEY WHY"
 *        detach KEY         stop answering for KEY; answers "detached KEY"
 *        take ID            the held socket's peer and own address, then let it go:
 *                           "took ID PEER_IP PEER_PORT LOCAL_IP LOCAL_PORT" or "gone ID WHY"
 *        claim KEY PORT     the same for the socket held on source PORT of KEY (asked as the gateway accepts a
 *                           connection from it): "held KEY PORT ID PEER_IP PEER_PORT LOCAL_IP LOCAL_PORT" or
 *                           "unheld KEY PORT WHY"
 *        drop ID            let a held socket go (no answer)
 *   out: conn ID KEY PORT INODE NSPID PROC [PROC...]
 *                           a TCP connect by a process of KEY from source PORT; PROC is the caller then its
 *                           ancestors, each EXE|TRACERPID|ENV|MAPS|CMDLINE (percent-encoded; "!" for a fact
 *                           too large or unreadable; ENV holds only the variables the taint rules read)
 *        superseded ID KEY PORT
 *                           record ID's socket connects again (its connect failed): that record is void
 *        refused KEY WHY    a connect answered with an error (fail closed)
 *        lost KEY WHY       KEY's listener is gone (its sandbox ended)
 *
 * Each connect stops its caller until identd has its exe and socket (and a thread's status); it is then let through
 * (SECCOMP_USER_NOTIF_FLAG_CONTINUE), and the rest of its record is read and written before identd takes
 * another notification (on_connect says why that is as good). Anything that cannot be done at once is an error to the caller, never a
 * wait: a full output queue, a caller that vanished. When this process dies, its
 * listeners close and the kernel fails every later connect in those sandboxes (ENOSYS).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "../seccomp-notify.h"

#define MAX_SANDBOXES 1024 /* listeners: one per sandbox, plus one per exec running in one */
/*
 * Held sockets, a ring: record N lives in slot N % MAX_HELD, so finding one is O(1) and the oldest makes room
 * (its connection, if the gateway has not taken it by then, is denied). A sandbox's fence lets it open 2,000
 * connections a second, so no sandbox can turn the ring over before the gateway takes another's record.
 */
#define MAX_HELD 65536
#define HELD_SECONDS 30    /* a socket the gateway never took is let go after this */
#define MAX_FACT 16384     /* per fact (env, maps); past it the fact is "!" (the gateway taints) */
#define MAX_ANCESTORS 32
#define OUT_CAP (16 << 20) /* queued output past which connects are refused */
#define LINE 4096

struct sandbox {
  char key[64];
  int fd;       /* the listener; -1: free slot */
  pid_t init;   /* init's host pid: ancestry stops there */
  ino_t pidns;  /* the sandbox's pid namespace: ancestry stops outside it, exec processes are found in it */
};

struct held {
  uint64_t id;
  int fd; /* -1: free */
  int sandbox;
  ino_t inode;
  time_t since;
  uint16_t port; /* its source port */
  int next;      /* the next held socket on that port (any sandbox), or -1 */
};

static struct sandbox sandboxes[MAX_SANDBOXES];
static int find_sandbox(const char *key);
static void close_sandbox(int s);
static void let_go(int i);
static struct held held[MAX_HELD];
/* Held sockets by source port: the first, then each's `next` (short lists: one per sandbox at most). */
static int on_port[65536];
static uint64_t next_id = 1;
static char *out;
static size_t out_len;

static time_t now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec;
}

/* Queue text for stdout; 0, or -1 when the queue is full (the caller then refuses). */
static int emit(const char *text, size_t len) {
  if (out_len + len > OUT_CAP) return -1;
  memcpy(out + out_len, text, len);
  out_len += len;
  return 0;
}

static void emitf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void emitf(const char *fmt, ...) {
  char line[LINE];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n > 0) emit(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Percent-encode bytes that are not plain printable ASCII or that separate fields. */
static size_t encode(char *dst, size_t cap, const char *src, size_t len) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = 0;
  for (size_t i = 0; i < len && n + 3 < cap; i++) {
    unsigned char c = (unsigned char)src[i];
    if (c <= ' ' || c >= 0x7f || c == '%' || c == '|' || c == ',') {
      dst[n++] = '%';
      dst[n++] = hex[c >> 4];
      dst[n++] = hex[c & 15];
    } else dst[n++] = (char)c;
  }
  dst[n] = 0;
  return n;
}

/*
 * A whole /proc file into buf (NUL-terminated); its length, or -1. No O_CLOEXEC: identd never execs, and musl
 * adds an fcntl per open for it (four syscalls per process described, while its connect waits).
 */
static ssize_t slurp(const char *path, char *buf, size_t cap) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  size_t len = 0;
  ssize_t n;
  while (len < cap - 1 && (n = read(fd, buf + len, cap - 1 - len)) > 0) len += (size_t)n;
  close(fd);
  buf[len] = 0;
  return (ssize_t)len;
}

/* "Field:\tvalue" of a status file, as a number (the last word for NSpid); -1 when absent. */
static long status_field(const char *status, const char *field, int last) {
  const char *p = strstr(status, field);
  if (!p) return -1;
  p += strlen(field);
  const char *end = strchr(p, '\n');
  if (last && end) {
    const char *q = end;
    while (q > p && q[-1] != ' ' && q[-1] != '\t') q--;
    p = q;
  }
  return strtol(p, NULL, 10);
}

/* The fields of a thread's /proc/<pid>/status a record needs (-1 each when absent). */
struct status {
  long tgid, nspid, ppid, tracer;
};

/* Read `pid`'s status into `st`; -1 when it cannot be read (gone). */
static int status_of(pid_t pid, struct status *st) {
  static char buf[1 << 16];
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  if (slurp(path, buf, sizeof buf) < 0) return -1;
  st->tgid = status_field(buf, "\nTgid:", 0);
  st->nspid = status_field(buf, "\nNSpid:", 1);
  st->ppid = status_field(buf, "\nPPid:", 0);
  st->tracer = status_field(buf, "\nTracerPid:", 0);
  return 0;
}

/* The environment entries the taint rules read (src/gateway/taint.ts), NUL-separated, in order. */
static size_t filter_env(const char *env, size_t len, char *dst, size_t cap, int *big) {
  static const char *const keys[] = {"LD_PRELOAD=", "LD_AUDIT=", "LD_LIBRARY_PATH=", "NODE_OPTIONS=", "BUN_OPTIONS="};
  size_t n = 0;
  for (size_t i = 0; i < len; i += strlen(env + i) + 1) {
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
      size_t kl = strlen(keys[k]), el = strlen(env + i);
      if (strncmp(env + i, keys[k], kl) != 0) continue;
      if (n + el + 1 >= cap) *big = 1;
      else {
        memcpy(dst + n, env + i, el + 1);
        n += el + 1;
      }
    }
  }
  return n;
}

/* The executable mappings written so far, and the last one's path (a path repeated next is written once). */
struct mappings {
  char *dst;
  size_t cap, n, last_len;
  char last[4096];
  int big;
};

/* One executable mapping as "- PERMS - - 0 PATH" (the shape of a maps line, without what the rules ignore). */
static void add_mapping(struct mappings *m, const char *perms, size_t perms_len, const char *path, size_t path_len) {
  if (path_len > 4095) path_len = 4095;
  if (path_len == m->last_len && memcmp(path, m->last, path_len) == 0) return;
  int w = snprintf(m->dst + m->n, m->cap - m->n, "- %.*s - - 0 %.*s\n", (int)perms_len, perms, (int)path_len, path);
  if (w < 0 || (size_t)w >= m->cap - m->n) m->big = 1;
  else m->n += (size_t)w;
  memcpy(m->last, path, path_len);
  m->last_len = path_len;
}

/*
 * The executable mappings (the only lines the taint rules read) from the text of /proc/<pid>/maps, each path
 * once. Scanned in place, only executable lines past their perms (sscanf and a copy of every line cost the
 * stopped caller ~0.1 ms for a node process).
 */
static size_t filter_maps(const char *maps, char *dst, size_t cap, int *big) {
  struct mappings m = {.dst = dst, .cap = cap};
  for (const char *line = maps; *line;) {
    const char *end = strchr(line, '\n');
    const char *stop = end ? end : line + strlen(line);
    /* address perms offset dev inode path (the path may hold spaces) */
    const char *f[6];
    const char *p = line;
    int fields = 0;
    while (fields < 6 && p < stop) {
      while (p < stop && (*p == ' ' || *p == '\t')) p++;
      f[fields++] = p;
      if (fields == 6) break; /* the path: the rest of the line */
      while (p < stop && *p != ' ' && *p != '\t') p++;
    }
    line = end ? end + 1 : stop;
    if (fields < 5) continue;
    size_t perms_len = (size_t)(f[2] - f[1]);
    while (perms_len > 0 && (f[1][perms_len - 1] == ' ' || f[1][perms_len - 1] == '\t')) perms_len--;
    if (perms_len < 3 || perms_len > 7 || f[1][2] != 'x') continue;
    const char *path = fields == 6 ? f[5] : stop;
    if (path < stop && *path == '[') continue; /* [vdso], [vsyscall]: the taint rules skip them */
    add_mapping(&m, f[1], perms_len, path, (size_t)(stop - path));
  }
  if (m.big) *big = 1;
  return m.n;
}

/* PROCMAP_QUERY (linux/fs.h, Linux >= 6.11), declared here: the build's kernel headers may predate it. */
struct procmap_query {
  uint64_t size, query_flags, query_addr, vma_start, vma_end, vma_flags, vma_page_size, vma_offset, inode;
  uint32_t dev_major, dev_minor, vma_name_size, build_id_size;
  uint64_t vma_name_addr, build_id_addr;
};
#define PROCMAP_QUERY_ _IOWR('f', 17, struct procmap_query)
#define VMA_READABLE 0x01
#define VMA_WRITABLE 0x02
#define VMA_EXECUTABLE 0x04
#define VMA_SHARED 0x08
#define COVERING_OR_NEXT_VMA 0x10
/* Executable mappings walked per process; past it the fact is "!" (as a maps file past its buffer is). */
#define MAX_EXEC_VMAS 8192

/*
 * The same as filter_maps, asking the kernel for the executable mappings only (PROCMAP_QUERY on an open maps
 * file) instead of reading and scanning every line: half the time for a node process, while its connect waits.
 * Names come back as maps would print them except that maps escapes a newline as \012: done here too. Names in
 * brackets ([vdso]; [vsyscall], which is no mapping and so never comes back) are left out on both paths: the
 * taint rules skip them. -1 when the kernel has no PROCMAP_QUERY (the caller reads the maps file instead).
 */
static ssize_t query_maps(int fd, char *dst, size_t cap, int *big) {
  static char name[4096], escaped[4096];
  struct mappings m = {.dst = dst, .cap = cap};
  uint64_t addr = 0;
  for (int i = 0;; i++) {
    struct procmap_query q = {.size = sizeof q, .query_flags = COVERING_OR_NEXT_VMA | VMA_EXECUTABLE,
                              .query_addr = addr, .vma_name_size = sizeof name, .vma_name_addr = (uintptr_t)name};
    if (ioctl(fd, PROCMAP_QUERY_, &q) != 0) {
      if (errno == ENOENT) break; /* no executable mapping past addr */
      if (i == 0 && errno == ESRCH) break; /* no memory (exiting): its maps file is empty too */
      if (i == 0 && (errno == ENOTTY || errno == EINVAL)) return -1;
      *big = 1; /* cannot be read: "!" (the gateway taints) */
      break;
    }
    if (i == MAX_EXEC_VMAS) {
      *big = 1;
      break;
    }
    addr = q.vma_end;
    size_t len = q.vma_name_size ? q.vma_name_size - 1 : 0, e = 0; /* the size counts the NUL */
    if (len > 0 && name[0] == '[') continue;
    for (size_t k = 0; k < len && e + 4 < sizeof escaped; k++) {
      if (name[k] == '\n') e += (size_t)snprintf(escaped + e, sizeof escaped - e, "\\012");
      else escaped[e++] = name[k];
    }
    char perms[4] = {q.vma_flags & VMA_READABLE ? 'r' : '-', q.vma_flags & VMA_WRITABLE ? 'w' : '-',
                     q.vma_flags & VMA_EXECUTABLE ? 'x' : '-', q.vma_flags & VMA_SHARED ? 's' : 'p'};
    add_mapping(&m, perms, 4, escaped, e);
  }
  if (m.big) *big = 1;
  return (ssize_t)m.n;
}

/* 0 until PROCMAP_QUERY is found missing (an older kernel): then maps files are read. */
static int no_query;

/* A process's executable mappings (filter_maps' form) into dst: PROCMAP_QUERY, else its maps file. */
static ssize_t exec_maps(pid_t pid, char *buf, size_t buf_cap, char *dst, size_t cap, int *big) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
  if (!no_query) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = query_maps(fd, dst, cap, big);
    close(fd);
    if (n >= 0) return n;
    no_query = 1;
  }
  ssize_t len = slurp(path, buf, buf_cap);
  if (len < 0) return -1;
  if ((size_t)len >= buf_cap - 1) *big = 1;
  return (ssize_t)filter_maps(buf, dst, cap, big);
}

/* A process's exe path into exe (NUL-terminated); its length, or -1 when it has none (gone, exiting). */
static ssize_t exe_of(pid_t pid, char *exe, size_t cap) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
  ssize_t len = readlink(path, exe, cap - 1);
  if (len >= 0) exe[len] = 0;
  return len;
}

/*
 * A process's memory facts, appended to `line` (of which `n` bytes are used) as "ENV|MAPS|CMDLINE"; ENV and MAPS
 * are "!" when unreadable or too large (the gateway then taints). The new length.
 */
static size_t memory_facts(pid_t pid, char *line, size_t n, size_t cap) {
  static char buf[1 << 20], facts[MAX_FACT];
  char path[64];
  int big = 0;
  snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
  ssize_t len = slurp(path, buf, sizeof buf);
  size_t f = len < 0 ? 0 : filter_env(buf, (size_t)len, facts, sizeof facts, &big);
  if (len < 0 || (size_t)len >= sizeof buf - 1 || big) n += (size_t)snprintf(line + n, cap - n, "!");
  else n += encode(line + n, cap - n, facts, f);
  n += (size_t)snprintf(line + n, cap - n, "|");
  big = 0;
  len = exec_maps(pid, buf, sizeof buf, facts, sizeof facts, &big);
  if (len < 0 || big) n += (size_t)snprintf(line + n, cap - n, "!");
  else n += encode(line + n, cap - n, facts, (size_t)len);
  snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
  len = slurp(path, facts, 4096);
  n += (size_t)snprintf(line + n, cap - n, "|");
  return n + encode(line + n, cap - n, facts, len < 0 ? 0 : (size_t)len);
}

/* " EXE|TRACER|" appended to `line`; the new length. */
static size_t identity_head(const char *exe, long tracer, char *line, size_t n, size_t cap) {
  n += (size_t)snprintf(line + n, cap - n, " ");
  n += encode(line + n, cap - n, exe, strlen(exe));
  return n + (size_t)snprintf(line + n, cap - n, "|%ld|", tracer);
}

/*
 * An ancestor's facts, appended to `line` as " EXE|TRACER|ENV|MAPS|CMDLINE"; EXE is `as_exe` when given (its
 * exe when it forked the child on the way; its other facts are as it is now). Returns its parent's host pid (0
 * when it has none or could not be read), or -1 when the process could not be read at all.
 */
static long describe(pid_t pid, const char *as_exe, char *line, size_t cap) {
  char exe[4096];
  struct status st;
  if (exe_of(pid, exe, sizeof exe) < 0) return -1;
  if (as_exe) snprintf(exe, sizeof exe, "%s", as_exe); /* what it was when the child was forked */
  if (status_of(pid, &st) != 0) return -1;
  size_t n = identity_head(exe, st.tracer, line, strlen(line), cap);
  memory_facts(pid, line, n, cap);
  return st.ppid < 0 ? 0 : st.ppid;
}

/* Write what stdout takes now (non-blocking); the rest waits for POLLOUT. 0, or -1 when stdout is broken. */
static int flush(void) {
  while (out_len) {
    ssize_t w = write(1, out, out_len);
    if (w <= 0) return w < 0 && errno != EAGAIN && errno != EINTR ? -1 : 0;
    memmove(out, out + w, out_len - (size_t)w);
    out_len -= (size_t)w;
  }
  return 0;
}

/* The pid namespace of a host pid (0 when gone). */
static ino_t pidns_of(pid_t pid) {
  char path[64];
  struct stat st;
  snprintf(path, sizeof path, "/proc/%d/ns/pid", (int)pid);
  return stat(path, &st) == 0 ? st.st_ino : 0;
}

static void answer(int listener, uint64_t id, int error) {
  struct notify_resp resp = {.id = id};
  if (error) resp.error = -error;
  else resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE_;
  /* ENOENT: the caller is gone (killed while stopped); nothing left to answer. */
  ioctl(listener, NOTIF_SEND, &resp);
}


/*
 * Exe history: when a process execs, each child it has then was forked from what it is before the exec, and
 * keeps that as its parent's exe in its ancestry (a parent that execs an allowed binary after forking does not
 * lend it to the child). Keyed by the child's pid and start time, so a reused pid is not taken for it.
 */
#define MAX_PINNED 16384
#define PINNED_EXE 512
struct pinned {
  pid_t pid; /* 0: free */
  unsigned long long start;
  char exe[PINNED_EXE];
};
static struct pinned pinned[MAX_PINNED];

/* Field 22 of /proc/<pid>/stat (clock ticks since boot); 0 when gone. */
static unsigned long long start_of(pid_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  if (slurp(path, buf, sizeof buf) < 0) return 0;
  char *p = strrchr(buf, ')');
  for (int field = 2; p && field < 22; field++) p = strchr(p + 1, ' ');
  return p ? strtoull(p + 1, NULL, 10) : 0;
}

static const char *pinned_exe(pid_t child) {
  unsigned long long start = 0;
  for (int i = 0; i < MAX_PINNED; i++) {
    if (pinned[i].pid != child) continue;
    if (!start) start = start_of(child);
    if (pinned[i].start == start) return pinned[i].exe;
  }
  return NULL;
}

/* Pin `exe` as the parent's exe of `child`, unless an earlier exec already did. -1 when the table is full. */
static int pin(pid_t child, const char *exe) {
  unsigned long long start = start_of(child);
  if (!start) return 0; /* gone already */
  int free_slot = -1;
  for (int i = 0; i < MAX_PINNED; i++) {
    if (pinned[i].pid == child && pinned[i].start == start) return 0;
    if (free_slot < 0 && pinned[i].pid == 0) free_slot = i;
  }
  /* Full: entries of processes gone (pid gone or reused) make room; rare, and costs a read each. */
  for (int i = 0; free_slot < 0 && i < MAX_PINNED; i++)
    if (start_of(pinned[i].pid) != pinned[i].start) free_slot = i;
  if (free_slot < 0) return -1;
  pinned[free_slot].pid = child;
  pinned[free_slot].start = start;
  size_t len = strnlen(exe, PINNED_EXE - 1); /* callers pass shorter ones (on_exec) */
  memcpy(pinned[free_slot].exe, exe, len);
  pinned[free_slot].exe[len] = 0;
  return 0;
}

/* An exec about to happen: pin the caller's current exe on every child of every thread of it. */
static int on_exec(struct notify *n) {
  char path[96], exe[4096], children[8192];
  ssize_t el = exe_of((pid_t)n->pid, exe, sizeof exe);
  if (el < 0) return 0; /* exiting: the exec goes nowhere */
  if (el >= PINNED_EXE) snprintf(exe, sizeof exe, "(exe path too long)"); /* names no rule */
  snprintf(path, sizeof path, "/proc/%u/task", n->pid);
  DIR *tasks = opendir(path);
  if (!tasks) return 0;
  int full = 0;
  for (struct dirent *t; (t = readdir(tasks));) {
    if (t->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "/proc/%u/task/%.20s/children", n->pid, t->d_name);
    if (slurp(path, children, sizeof children) < 0) continue;
    for (char *p = children, *end; *p; p = end) {
      long child = strtol(p, &end, 10);
      if (end == p) break;
      if (child > 0 && pin((pid_t)child, exe) != 0) full = 1;
    }
  }
  closedir(tasks);
  return full ? EAGAIN : 0; /* no room to remember: the exec is refused rather than forgotten */
}

/* A socket address's port, in network order (AF_INET or AF_INET6). */
static uint16_t port_in(const struct sockaddr_storage *a) {
  return a->ss_family == AF_INET ? ((const struct sockaddr_in *)a)->sin_port
                                 : ((const struct sockaddr_in6 *)a)->sin6_port;
}

/*
 * Does the caller ask to connect to its own loopback (127/8 but Docker's resolver 127.0.0.11, 0.0.0.0, ::1, ::)?
 * Such a connection stays in the sandbox (the fence sends no loopback traffic out), so it is neither recorded
 * nor held: a copy held here would keep its FIN from being sent for HELD_SECONDS. Read from the caller's memory,
 * which another of its threads may change before the kernel copies it: shown loopback but connected elsewhere,
 * the connection reaches the gateway unrecorded and is denied; the other way round, it is recorded and held as
 * any other, and the gateway finds its socket connected elsewhere. Unreadable, or sendmsg: not loopback.
 */
static int to_loopback(const struct notify *n) {
  uint64_t at = 0, len = 0;
  if (n->data.nr == SYS_connect) at = n->data.args[1], len = n->data.args[2];
  else if (n->data.nr == SYS_sendto) at = n->data.args[4], len = n->data.args[5];
  struct sockaddr_storage addr;
  memset(&addr, 0, sizeof addr);
  if (at == 0 || len < sizeof(struct sockaddr_in)) return 0;
  struct iovec local = {&addr, len < sizeof addr ? (size_t)len : sizeof addr};
  struct iovec remote = {(void *)(uintptr_t)at, local.iov_len};
  if (process_vm_readv((pid_t)n->pid, &local, 1, &remote, 1, 0) != (ssize_t)local.iov_len) return 0;
  uint32_t v4;
  if (addr.ss_family == AF_INET) {
    v4 = ntohl(((struct sockaddr_in *)&addr)->sin_addr.s_addr);
  } else if (addr.ss_family == AF_INET6 && local.iov_len >= sizeof(struct sockaddr_in6)) {
    const struct in6_addr *a = &((struct sockaddr_in6 *)&addr)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_UNSPECIFIED(a)) return 1;
    if (!IN6_IS_ADDR_V4MAPPED(a)) return 0;
    memcpy(&v4, &a->s6_addr[12], 4);
    v4 = ntohl(v4);
  } else {
    return 0;
  }
  return v4 == 0 || ((v4 >> 24) == 127 && v4 != 0x7f00000b);
}

/*
 * The held recorded socket on source port `port` (its connection not looked up yet) of sandbox `key`, from any
 * of its listeners (the sandbox's own and each `sandbox exec`'s): its slot, or -1. `count` (if not NULL) is
 * how many there are: at most one, since on_connect refuses a second (the sandbox's source ports are shared).
 */
static int held_on(const char *key, unsigned port, int *count) {
  int found = -1, n = 0;
  for (int j = port > 0 && port < 65536 ? on_port[port] : -1; j >= 0; j = held[j].next)
    if (strcmp(sandboxes[held[j].sandbox].key, key) == 0) found = j, n++;
  if (count) *count = n;
  return found;
}

/* A TCP socket's state (TCP_SYN_SENT: a connect in progress); -1 when it cannot be read. */
static int tcp_state(int sock) {
  struct tcp_info info;
  socklen_t len = sizeof info;
  return getsockopt(sock, IPPROTO_TCP, TCP_INFO, &info, &len) == 0 ? info.tcpi_state : -1;
}

/* on_connect's answer when it has answered the caller itself. */
#define ANSWERED (-1)

/*
 * The socket of a connect: held (bound, so its port is fixed) and recorded. Returns an errno for the caller, 0
 * to let the call through unrecorded (not TCP over IP; connected already), or ANSWERED.
 *
 * While the caller is stopped: its exe (another thread's exec, let through before, could otherwise change it once
 * this thread is let go) and its socket; and its status (TracerPid, parent, pid) when it is not its process's
 * main thread, whose pid could be reused once it is let go. Then it is let go, and a main thread's status, its
 * memory facts (environment, executable mappings, cmdline) and its ancestors are read before identd takes
 * another notification, so no exec anywhere under identd's listeners proceeds meanwhile: neither the exe nor the
 * ancestry can change before they are read. Its parent can exit meanwhile: the ancestry read is then shorter,
 * as it would be had the parent exited before the connect. A tracer can only be from outside the sandbox (its
 * seccomp profile denies ptrace). The environment, mappings and cmdline are the process's own memory, which it
 * could equally have changed before calling connect(). A caller that is gone by then has "!" for those
 * (tainted). The record is written before the gateway needs it in practice; a connection whose record is still
 * to come waits for it (src/gateway/identity/store.ts).
 */
static int on_connect(int s, struct notify *n) {
  static char line[4 << 20]; /* 33 processes at their largest fit; a cut line fails to parse: denied */
  struct sandbox *sb = &sandboxes[s];
  char exe[4096];
  /* Room for the record, written after the caller goes on: none, and the connect is refused (never a wait). */
  if (out_len + sizeof line + 256 > OUT_CAP) return EAGAIN;
  /*
   * Its process: a pidfd of the caller itself when it is its process's main thread (pidfd_open takes no other
   * thread), read from its status otherwise. The status of a main thread is read once it has been let go: its
   * socket comes through the pidfd, and neither what the status says nor the exe can change in between in a way
   * that helps the caller (see on_connect's comment).
   */
  struct status me = {-1, -1, -1, -1};
  int pidfd = (int)syscall(SYS_pidfd_open_, (pid_t)n->pid, 0), status_read = pidfd < 0;
  if (status_read) {
    if (status_of((pid_t)n->pid, &me) != 0 || me.tgid <= 0) return ESRCH;
    pidfd = (int)syscall(SYS_pidfd_open_, (pid_t)me.tgid, 0);
    if (pidfd < 0) return ESRCH;
  }
  long tgid = status_read ? me.tgid : (long)n->pid;
  if (exe_of((pid_t)n->pid, exe, sizeof exe) < 0) {
    close(pidfd);
    return ESRCH;
  }
  int sock = (int)syscall(SYS_pidfd_getfd_, pidfd, (int)n->data.args[0], 0);
  if (sock < 0) {
    int e = errno;
    close(pidfd);
    return e == EBADF ? EBADF : EPERM;
  }
  struct stat st;
  int domain = 0, type = 0, error = 0;
  socklen_t ol = sizeof domain;
  struct sockaddr_storage addr;
  socklen_t al = sizeof addr;
  uint16_t port = 0;
  if (fstat(sock, &st) != 0 || !S_ISSOCK(st.st_mode)) {
    error = ENOTSOCK;
    goto refuse;
  }
  getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &domain, &ol);
  ol = sizeof type;
  getsockopt(sock, SOL_SOCKET, SO_TYPE, &type, &ol);
  /* Not TCP over IP: the fence and the /proc path judge it. Connected already: EISCONN to come, and recorded
     when it connected. Either way let through unrecorded. */
  if ((domain != AF_INET && domain != AF_INET6) || type != SOCK_STREAM ||
      getpeername(sock, (struct sockaddr *)&addr, &al) == 0)
    goto refuse;
  al = sizeof addr;
  if (getsockname(sock, (struct sockaddr *)&addr, &al) != 0) {
    error = EPERM;
    goto refuse;
  }
  port = port_in(&addr);
  /*
   * One recorded socket per source port in a sandbox at a time: the gateway finds a connection's record by its
   * port, so two sockets bound to one port (SO_REUSEADDR, SO_REUSEPORT) connecting at once could each have
   * their connection matched to the other's record. The second is refused until the first's is looked up (or
   * let go), whatever it connects to (its address is read from memory below, which a thread can change).
   * The same socket connecting again: while its connect is in progress, EALREADY, answered here as the kernel
   * would (let through, the call could start a new connection, unrecorded, should the first fail meanwhile);
   * after a connect failed (or it was disconnected) it is a new connection, recorded as this caller's, its old
   * record void (the gateway keeps the newest record of a socket).
   */
  int held_slot = port != 0 ? held_on(sb->key, ntohs(port), NULL) : -1;
  if (held_slot >= 0 && held[held_slot].inode != st.st_ino) {
    error = EADDRINUSE;
    goto refuse;
  }
  if (held_slot >= 0 && tcp_state(sock) == TCP_SYN_SENT) {
    error = EALREADY;
    goto refuse;
  }
  if (held_slot >= 0) {
    /* Its old record is of a connection that failed or is over: the gateway is told before this connect goes
       on, so it does not judge the new connection by it (a take of it now finds nothing held: denied). */
    emitf("superseded %llu %s %u\n", (unsigned long long)held[held_slot].id, sb->key, (unsigned)ntohs(port));
    flush();
    let_go(held_slot);
  }
  /* To its own loopback: it stays in the sandbox. Let through unrecorded, never held. */
  if (to_loopback(n)) goto refuse;
  /*
   * Unbound (or its port let go when a connect failed, though getsockname still shows it): bind to any address,
   * port 0, so the source port is chosen now and held while we hold it. EINVAL: bound already, port kept.
   */
  struct sockaddr_storage any = {.ss_family = (sa_family_t)domain};
  socklen_t any_len = domain == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
  if (bind(sock, (struct sockaddr *)&any, any_len) != 0 && errno != EINVAL) {
    error = errno ? errno : EPERM;
    goto refuse;
  }
  al = sizeof addr;
  if (getsockname(sock, (struct sockaddr *)&addr, &al) != 0) {
    error = EPERM;
    goto refuse;
  }
  port = port_in(&addr);
  if (port == 0 || held_on(sb->key, ntohs(port), NULL) >= 0) {
    error = port == 0 ? EPERM : EADDRINUSE;
    goto refuse;
  }
  uint16_t host_port = ntohs(port);
  /* Everything the caller could change read: is it still the one that stopped (no pid reuse in between)? */
  if (ioctl(sb->fd, NOTIF_ID_VALID, &n->id) != 0) {
    error = ESRCH;
    goto refuse;
  }
  answer(sb->fd, n->id, 0);

  /* Unreadable now (it is exiting): no tracer or pid known, and its facts are "!" below (the gateway taints). */
  int gone = !status_read && status_of((pid_t)tgid, &me) != 0;
  size_t head = identity_head(exe, me.tracer, line, 0, sizeof line);
  memory_facts((pid_t)tgid, line, head, sizeof line);
  /* Read from the process that connected? Its pid is its own while it lives (the pidfd says it does). */
  if (gone || syscall(SYS_pidfd_send_signal_, pidfd, 0, NULL, 0) != 0)
    snprintf(line + head, sizeof line - head, "!|!|");
  close(pidfd);
  long child = tgid, parent = me.ppid;
  for (int depth = 0; depth < MAX_ANCESTORS && parent > 1 && parent != sb->init; depth++) {
    if (pidns_of((pid_t)parent) != sb->pidns) break; /* an exec's parent is the engine's, on the host */
    long next = describe((pid_t)parent, pinned_exe((pid_t)child), line, sizeof line);
    child = parent;
    parent = next;
  }
  uint64_t id = next_id++;
  int slot = (int)(id % MAX_HELD);
  char record[160];
  int hl = snprintf(record, sizeof record, "conn %llu %s %u %llu %ld", (unsigned long long)id, sb->key,
                    (unsigned)ntohs(port), (unsigned long long)st.st_ino, me.nspid);
  size_t before = out_len;
  if (emit(record, (size_t)hl) != 0 || emit(line, strlen(line)) != 0 || emit("\n", 1) != 0) {
    out_len = before; /* no half record: the connection, never recorded, is denied */
    close(sock);
    emitf("refused %s connect by pid %u: no room for its record\n", sb->key, n->pid);
    return ANSWERED;
  }
  if (held[slot].fd >= 0) let_go(slot); /* the oldest, never taken */
  held[slot] = (struct held){id, sock, s, st.st_ino, now(), host_port, on_port[host_port]};
  on_port[host_port] = slot;
  return ANSWERED;

refuse:
  close(sock);
  close(pidfd);
  return error;
}

static void on_notification(int s) {
  struct notify n;
  memset(&n, 0, sizeof n);
  if (ioctl(sandboxes[s].fd, NOTIF_RECV, &n) != 0) return; /* ENOENT: the caller went away first */
  int nr = n.data.nr, error = 0;
  if (nr == SYS_execve || nr == SYS_execveat) {
    error = on_exec(&n);
    if (error) emitf("refused %s exec by pid %u: exe history full\n", sandboxes[s].key, n.pid);
  } else if (nr == SYS_connect || nr == SYS_sendto || nr == SYS_sendmsg || nr == SYS_sendmmsg) {
    error = on_connect(s, &n);
    if (error == ANSWERED) {
      flush();
      return;
    }
    if (error && error != EBADF && error != ENOTSOCK && error != EALREADY) {
      emitf("refused %s connect by pid %u: %s\n", sandboxes[s].key, n.pid, strerror(error));
    }
  }
  flush(); /* any refusal line goes out before the caller is answered */
  answer(sandboxes[s].fd, n.id, error);
}

static void let_go(int i) {
  close(held[i].fd);
  held[i].fd = -1;
  for (int *at = &on_port[held[i].port]; *at >= 0; at = &held[*at].next)
    if (*at == i) {
      *at = held[i].next;
      break;
    }
}

static int find_held(uint64_t id) {
  int i = (int)(id % MAX_HELD);
  return held[i].fd >= 0 && held[i].id == id ? i : -1;
}

/* An address as "IP PORT" (an IPv4-mapped IPv6 address as its IPv4 form). */
static void format_addr(const struct sockaddr_storage *a, char *out, size_t size) {
  char ip[INET6_ADDRSTRLEN] = "?";
  if (a->ss_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)a)->sin_addr, ip, sizeof ip);
  else if (a->ss_family == AF_INET6) inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)a)->sin6_addr, ip, sizeof ip);
  const char *shown = strncmp(ip, "::ffff:", 7) == 0 && strchr(ip + 7, '.') ? ip + 7 : ip;
  unsigned port = a->ss_family == AF_INET || a->ss_family == AF_INET6 ? ntohs(port_in(a)) : 0;
  snprintf(out, size, "%s %u", shown, port);
}

/* The held socket's peer and own address as "IP PORT IP PORT" into out; NULL, or the call that failed (errno). */
static const char *addresses(int i, char *out, size_t size) {
  struct sockaddr_storage peer, self;
  socklen_t pl = sizeof peer, sl = sizeof self;
  char p[INET6_ADDRSTRLEN + 8], l[INET6_ADDRSTRLEN + 8];
  if (getpeername(held[i].fd, (struct sockaddr *)&peer, &pl) != 0) return "getpeername";
  if (getsockname(held[i].fd, (struct sockaddr *)&self, &sl) != 0) return "getsockname";
  format_addr(&peer, p, sizeof p);
  format_addr(&self, l, sizeof l);
  snprintf(out, size, "%s %s", p, l);
  return NULL;
}

/*
 * The held socket's peer and its own address, then let it go. The gateway checks both against the connection it
 * accepted: a record whose socket went elsewhere (a loopback connect, a refused one) is not that connection's.
 */
static void take(uint64_t id) {
  int i = find_held(id);
  if (i < 0) {
    emitf("gone %llu not held (let go, or never recorded)\n", (unsigned long long)id);
    return;
  }
  char a[2 * INET6_ADDRSTRLEN + 16];
  const char *failed = addresses(i, a, sizeof a);
  if (failed) emitf("gone %llu %s: %s\n", (unsigned long long)id, failed, strerror(errno));
  else emitf("took %llu %s\n", (unsigned long long)id, a);
  let_go(i);
}

/*
 * The same for the socket held on source port `port` of sandbox `key` (any of its listeners), asked as the
 * gateway accepts a connection from that port: "held KEY PORT ID PEER LOCAL", or "unheld KEY PORT WHY". It comes
 * after that connection's record, since identd reads commands between notifications and the connect was let
 * go before the connection could be accepted. The gateway checks ID against the record it finds.
 */
static void claim(const char *key, unsigned port) {
  int count;
  int found = held_on(key, port, &count);
  if (count != 1) {
    emitf("unheld %s %u %s\n", key, port, count ? "two sockets held on that port" : "nothing held on that port");
    return;
  }
  char a[2 * INET6_ADDRSTRLEN + 16];
  const char *failed = addresses(found, a, sizeof a);
  if (failed) emitf("unheld %s %u %s: %s\n", key, port, failed, strerror(errno));
  else emitf("held %s %u %llu %s\n", key, port, (unsigned long long)held[found].id, a);
  let_go(found);
}

static int find_sandbox(const char *key) {
  for (int s = 0; s < MAX_SANDBOXES; s++)
    if (sandboxes[s].fd >= 0 && strcmp(sandboxes[s].key, key) == 0) return s;
  return -1;
}

static void close_sandbox(int s) {
  for (int i = 0; i < MAX_HELD; i++)
    if (held[i].fd >= 0 && held[i].sandbox == s) let_go(i);
  close(sandboxes[s].fd);
  sandboxes[s].fd = -1;
}

/* The listener `pid` parked at NOTIFY_FD, checked to be one, in a free slot for `key`; the slot, or -1 with why. */
static int take_listener(const char *key, pid_t pid, pid_t init, char *why, size_t size) {
  int s = 0;
  while (s < MAX_SANDBOXES && sandboxes[s].fd >= 0) s++;
  if (s == MAX_SANDBOXES) return snprintf(why, size, "more than %d listeners", MAX_SANDBOXES), -1;
  int pidfd = (int)syscall(SYS_pidfd_open_, pid, 0);
  if (pidfd < 0) return snprintf(why, size, "pidfd_open(%d): %s", (int)pid, strerror(errno)), -1;
  int fd = (int)syscall(SYS_pidfd_getfd_, pidfd, NOTIFY_FD, 0);
  int e = errno;
  close(pidfd);
  if (fd < 0) return snprintf(why, size, "no identity listener at fd %d of pid %d: %s", NOTIFY_FD, (int)pid, strerror(e)), -1;
  char path[64], link[64] = {0};
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  if (readlink(path, link, sizeof link - 1) < 0 || strcmp(link, "anon_inode:seccomp notify") != 0) {
    close(fd);
    return snprintf(why, size, "fd %d of pid %d is not a seccomp listener (%s)", NOTIFY_FD, (int)pid, link), -1;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  snprintf(sandboxes[s].key, sizeof sandboxes[s].key, "%s", key);
  sandboxes[s].fd = fd;
  sandboxes[s].init = init;
  sandboxes[s].pidns = pidns_of(init);
  return s;
}

static void attach(const char *key, pid_t pid) {
  for (int s; (s = find_sandbox(key)) >= 0;) close_sandbox(s); /* a re-registration starts afresh */
  char why[256];
  if (take_listener(key, pid, pid, why, sizeof why) < 0) emitf("error %s %s\n", key, why);
  else emitf("attached %s\n", key);
}

/*
 * The proc connector: every comm change on the host. `paddock-init exec` names itself ATTACH_NAME once its own
 * listener is parked; one in an attached sandbox's pid namespace has it taken and is then told to go on
 * (SIGUSR1 from outside its pid namespace, as for PID 1). Anything else naming itself so gets nothing it could
 * not have had: its listener only adds records of what really happened.
 */
#define ATTACH_NAME "paddock-attach"
#define PROC_EVENT_COMM_ 0x200
#define NETLINK_CONNECTOR_ 11
#define CN_IDX_PROC_ 1

struct nl_header {
  uint32_t len;
  uint16_t type, flags;
  uint32_t seq, pid;
};
struct cn_header {
  uint32_t idx, val, seq, ack;
  uint16_t len, flags;
};
struct nl_address {
  uint16_t family, pad;
  uint32_t pid, groups;
};

static int proc_events(void) {
  int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_CONNECTOR_);
  if (fd < 0) return -1;
  struct nl_address a = {AF_NETLINK, 0, (uint32_t)getpid(), CN_IDX_PROC_};
  struct {
    struct nl_header nl;
    struct cn_header cn;
    uint32_t op;
  } __attribute__((packed)) listen = {{sizeof listen, 3 /* NLMSG_DONE */, 0, 0, (uint32_t)getpid()},
                                      {CN_IDX_PROC_, 1, 0, 0, 4, 0},
                                      1 /* PROC_CN_MCAST_LISTEN */};
  if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || send(fd, &listen, sizeof listen, 0) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static void on_proc_events(int fd) {
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    size_t at = sizeof(struct nl_header) + sizeof(struct cn_header);
    if ((size_t)n < at + 16 + 24) continue;
    uint32_t what;
    memcpy(&what, buf + at, 4);
    if (what != PROC_EVENT_COMM_) continue;
    int32_t pid;
    char comm[17] = {0};
    memcpy(&pid, buf + at + 16, 4);
    memcpy(comm, buf + at + 24, 16);
    if (strcmp(comm, ATTACH_NAME) != 0) continue;
    ino_t ns = pidns_of(pid);
    for (int s = 0; s < MAX_SANDBOXES; s++) {
      if (sandboxes[s].fd < 0 || sandboxes[s].pidns != ns || ns == 0) continue;
      char why[256];
      int slot = take_listener(sandboxes[s].key, pid, sandboxes[s].init, why, sizeof why);
      if (slot < 0) {
        emitf("refused %s exec pid %d: %s\n", sandboxes[s].key, (int)pid, why);
        break;
      }
      int pidfd = (int)syscall(SYS_pidfd_open_, pid, 0);
      if (pidfd < 0 || syscall(SYS_pidfd_send_signal_, pidfd, SIGUSR1, NULL, 0) != 0) close_sandbox(slot);
      if (pidfd >= 0) close(pidfd);
      break;
    }
  }
}

static void command(char *line) {
  char key[64];
  unsigned long long id;
  unsigned port;
  int pid;
  if (sscanf(line, "attach %63s %d", key, &pid) == 2) attach(key, (pid_t)pid);
  else if (sscanf(line, "detach %63s", key) == 1) {
    int s = find_sandbox(key);
    if (s >= 0) close_sandbox(s);
    emitf("detached %s\n", key);
  } else if (sscanf(line, "take %llu", &id) == 1) take(id);
  else if (sscanf(line, "claim %63s %u", key, &port) == 2) claim(key, port);
  else if (sscanf(line, "drop %llu", &id) == 1) {
    int i = find_held(id);
    if (i >= 0) let_go(i);
  } else emitf("bad %.200s\n", line);
}

/*
 * `paddock-identd maps PID` prints PID's executable mappings as a connect's record holds them (decoded; "!"
 * when too many or unreadable); `maps-file PID` the same from the maps file, as on kernels without
 * PROCMAP_QUERY. Tests compare the two.
 */
static int print_maps(const char *how, const char *pid) {
  static char buf[1 << 20], facts[MAX_FACT];
  no_query = strcmp(how, "maps-file") == 0;
  int big = 0;
  ssize_t n = exec_maps((pid_t)atoi(pid), buf, sizeof buf, facts, sizeof facts, &big);
  if (n < 0 || big) return puts("!") < 0;
  return fwrite(facts, 1, (size_t)n, stdout) != (size_t)n;
}

int main(int argc, char **argv) {
  if (argc == 3 && (strcmp(argv[1], "maps") == 0 || strcmp(argv[1], "maps-file") == 0))
    return print_maps(argv[1], argv[2]);
  static char in[LINE];
  size_t in_len = 0;
  out = malloc(OUT_CAP);
  if (!out) return 1;
  for (int s = 0; s < MAX_SANDBOXES; s++) sandboxes[s].fd = -1;
  for (int i = 0; i < MAX_HELD; i++) held[i].fd = -1;
  for (int p = 0; p < 65536; p++) on_port[p] = -1;
  fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
  /* Held sockets and listeners are descriptors: as many as the hard limit allows. */
  struct rlimit nofile;
  if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
  }
  time_t swept = 0;
  /* Without it, `sandbox exec` in a connect-time sandbox waits for an attach that never comes, and fails. */
  int events = proc_events();
  if (events < 0) dprintf(2, "no proc connector (%s): execs in connect-time sandboxes will fail\n", strerror(errno));
  static struct pollfd fds[MAX_SANDBOXES + 2];
  static int who[MAX_SANDBOXES + 2];
  for (;;) {
    int nfds = 0;
    fds[nfds++] = (struct pollfd){.fd = 0, .events = POLLIN};
    fds[nfds++] = (struct pollfd){.fd = out_len ? 1 : -1, .events = POLLOUT};
    fds[nfds++] = (struct pollfd){.fd = events, .events = POLLIN};
    for (int s = 0; s < MAX_SANDBOXES; s++) {
      if (sandboxes[s].fd < 0) continue;
      who[nfds] = s;
      fds[nfds++] = (struct pollfd){.fd = sandboxes[s].fd, .events = POLLIN};
    }
    if (poll(fds, (nfds_t)nfds, 1000) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    if (fds[0].revents) {
      ssize_t r = read(0, in + in_len, sizeof in - 1 - in_len);
      if (r <= 0) return 0; /* the gateway is gone: so are we (our listeners close, connects fail) */
      in_len += (size_t)r;
      char *nl;
      while ((nl = memchr(in, '\n', in_len))) {
        *nl = 0;
        command(in);
        in_len -= (size_t)(nl + 1 - in);
        memmove(in, nl + 1, in_len);
      }
      if (in_len == sizeof in - 1) in_len = 0; /* an overlong line: dropped */
    }
    if (fds[2].revents) on_proc_events(events);
    for (int i = 3; i < nfds; i++) {
      int s = who[i];
      if (fds[i].revents & POLLIN) on_notification(s);
      else if (fds[i].revents & (POLLHUP | POLLERR | POLLNVAL)) {
        char key[64];
        snprintf(key, sizeof key, "%s", sandboxes[s].key);
        close_sandbox(s); /* an exec's tree, or the whole sandbox, ended */
        if (find_sandbox(key) < 0) emitf("lost %s its sandbox has no process left\n", key);
      }
    }
    time_t t = now();
    if (t != swept) { /* once a second */
      swept = t;
      for (int i = 0; i < MAX_HELD; i++)
        if (held[i].fd >= 0 && t - held[i].since > HELD_SECONDS) let_go(i);
    }
    if (flush() != 0) return 1;
  }
}

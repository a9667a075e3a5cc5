/*
 * The connect-time identity filter (docs/security.md, "Connect-time identity"). Installed by PID 1 before the
 * fence and inherited by everything the sandbox runs: connect(), TCP Fast Open sends (sendto/sendmsg/sendmmsg
 * with MSG_FASTOPEN connect without connect()) and execve/execveat stop until the host's paddock-identd has
 * read who made them and answered; every other syscall is allowed, but for a seccomp listener of the sandbox's
 * own. A foreign syscall ABI (i386 through int 0x80, x32) is refused: it would reach connect by another number.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../seccomp-notify.h"

#if defined(__x86_64__)
#define NATIVE_ARCH 0xc000003eu /* AUDIT_ARCH_X86_64 */
#elif defined(__aarch64__)
#define NATIVE_ARCH 0xc00000b7u /* AUDIT_ARCH_AARCH64 */
#else
#error "paddock-init: unknown architecture"
#endif

struct insn {
  uint16_t code;
  uint8_t jt, jf;
  uint32_t k;
};
struct prog {
  unsigned short len;
  const struct insn *filter;
};

/* Classic BPF opcodes. */
#define LD_ABS 0x20  /* BPF_LD | BPF_W | BPF_ABS */
#define JEQ 0x15     /* BPF_JMP | BPF_JEQ | BPF_K */
#define JGE 0x35     /* BPF_JMP | BPF_JGE | BPF_K */
#define JSET 0x45    /* BPF_JMP | BPF_JSET | BPF_K */
#define RET 0x06     /* BPF_RET | BPF_K */
#define X32_BIT 0x40000000u
#define ARG_LO(n) (offsetof(struct notify_data, args) + 8 * (n))

/* Instruction indexes of the three outcomes, for the jumps (which count from the next instruction). */
enum { ALLOW = 17, NOTIFY = 18, DENY = 19 };
#define TO(target, at) ((uint8_t)((target) - (at) - 1))

static const struct insn FILTER[] = {
    /*  0 */ {LD_ABS, 0, 0, offsetof(struct notify_data, arch)},
    /*  1 */ {JEQ, 0, TO(DENY, 1), NATIVE_ARCH},
    /*  2 */ {LD_ABS, 0, 0, offsetof(struct notify_data, nr)},
    /*  3 */ {JGE, TO(DENY, 3), 0, X32_BIT},
    /*  4 */ {JEQ, TO(NOTIFY, 4), 0, SYS_connect},
    /*  5 */ {JEQ, TO(NOTIFY, 5), 0, SYS_execve},
    /*  6 */ {JEQ, TO(NOTIFY, 6), 0, SYS_execveat},
    /*  7 */ {JEQ, TO(11, 7), 0, SYS_sendto},
    /*  8 */ {JEQ, TO(11, 8), 0, SYS_sendmmsg},
    /*  9 */ {JEQ, TO(13, 9), 0, SYS_sendmsg},
    /* 10 */ {JEQ, TO(15, 10), TO(ALLOW, 10), SYS_seccomp},
    /* sendto(fd, buf, len, flags, …) and sendmmsg(fd, vec, n, flags): flags is args[3] */
    /* 11 */ {LD_ABS, 0, 0, ARG_LO(3)},
    /* 12 */ {JSET, TO(NOTIFY, 12), TO(ALLOW, 12), MSG_FASTOPEN},
    /* sendmsg(fd, msg, flags): args[2] */
    /* 13 */ {LD_ABS, 0, 0, ARG_LO(2)},
    /* 14 */ {JSET, TO(NOTIFY, 14), TO(ALLOW, 14), MSG_FASTOPEN},
    /* seccomp(op, flags, …): a listener of the sandbox's own would take these notifications from ours (the
       newest filter's wins): refused. A filter without one may still be stacked; it can only fail calls. */
    /* 15 */ {LD_ABS, 0, 0, ARG_LO(1)},
    /* 16 */ {JSET, TO(DENY, 16), TO(ALLOW, 16), SECCOMP_FILTER_FLAG_NEW_LISTENER_},
    /* 17 */ {RET, 0, 0, SECCOMP_RET_ALLOW_},
    /* 18 */ {RET, 0, 0, SECCOMP_RET_USER_NOTIF_},
    /* 19 */ {RET, 0, 0, SECCOMP_RET_ERRNO_ | EPERM},
};

/*
 * Install the filter and park its listener at NOTIFY_FD (close-on-exec). 0, or -1 with `why` filled: the
 * host then finds no listener and fails the sandbox, which asked for connect-time identity.
 */
int notify_install(char *why, size_t size) {
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    snprintf(why, size, "no_new_privs: %s", strerror(errno));
    return -1;
  }
  struct prog prog = {sizeof FILTER / sizeof FILTER[0], FILTER};
  long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER_, SECCOMP_FILTER_FLAG_NEW_LISTENER_, &prog);
  if (fd < 0) {
    snprintf(why, size, "seccomp user notification: %s", strerror(errno));
    return -1;
  }
  if (fd != NOTIFY_FD && dup3((int)fd, NOTIFY_FD, O_CLOEXEC) < 0) {
    snprintf(why, size, "dup3 of the listener: %s", strerror(errno));
    close((int)fd);
    return -1;
  }
  if (fd != NOTIFY_FD) close((int)fd);
  return 0;
}

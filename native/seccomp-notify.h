/*
 * The seccomp user-notification ABI, spelled out here (musl ships no <linux/seccomp.h>), shared by
 * paddock-init (which installs the filter) and paddock-identd (which answers it). See docs/security.md,
 * "Connect-time identity".
 */
#ifndef PADDOCK_SECCOMP_NOTIFY_H
#define PADDOCK_SECCOMP_NOTIFY_H
#include <stdint.h>
#include <sys/ioctl.h>

/* Where init keeps the listener until the host has taken it (pidfd_getfd); documented, never inherited. */
#define NOTIFY_FD 200

#define SECCOMP_SET_MODE_FILTER_ 1
#define SECCOMP_FILTER_FLAG_NEW_LISTENER_ (1u << 3)
#define SECCOMP_RET_ALLOW_ 0x7fff0000u
#define SECCOMP_RET_USER_NOTIF_ 0x7fc00000u
#define SECCOMP_RET_ERRNO_ 0x00050000u
#define SECCOMP_USER_NOTIF_FLAG_CONTINUE_ 1u

/* Same numbers on x86-64 and arm64 (the generic table). */
#define SYS_pidfd_open_ 434
#define SYS_pidfd_getfd_ 438
#define SYS_pidfd_send_signal_ 424

struct notify_data {
  int32_t nr;
  uint32_t arch;
  uint64_t ip;
  uint64_t args[6];
};

struct notify {
  uint64_t id;
  uint32_t pid;
  uint32_t flags;
  struct notify_data data;
};

struct notify_resp {
  uint64_t id;
  int64_t val;
  int32_t error;
  uint32_t flags;
};

#define NOTIF_RECV _IOWR('!', 0, struct notify)
#define NOTIF_SEND _IOWR('!', 1, struct notify_resp)
#define NOTIF_ID_VALID _IOW('!', 2, uint64_t)

#endif

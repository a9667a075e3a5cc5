/*
 * Landlock for paddock-init, with the kernel ABI spelled out here (the static toolchains ship no
 * <linux/landlock.h>). Semantics follow OpenShell's: read_only paths get read and execute, read_write paths
 * every right the ABI knows, a file (not a directory) only the rights that apply to files; everything else is
 * inaccessible. A missing path is skipped under best_effort and fatal under hard_requirement.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Same numbers on x86-64 and arm64 (the generic syscall table). */
#define SYS_CREATE_RULESET 444
#define SYS_ADD_RULE 445
#define SYS_RESTRICT_SELF 446
#define CREATE_RULESET_VERSION 1u
#define RULE_PATH_BENEATH 1

/* Filesystem rights, by the ABI that introduced them. */
#define FS_EXECUTE (1ull << 0)
#define FS_WRITE_FILE (1ull << 1)
#define FS_READ_FILE (1ull << 2)
#define FS_READ_DIR (1ull << 3)
#define FS_V1_ALL ((1ull << 13) - 1) /* EXECUTE … MAKE_SYM */
#define FS_REFER (1ull << 13)        /* ABI 2 */
#define FS_TRUNCATE (1ull << 14)     /* ABI 3 */
#define FS_IOCTL_DEV (1ull << 15)    /* ABI 5 */
#define FS_READ (FS_EXECUTE | FS_READ_FILE | FS_READ_DIR)
#define FS_FILE (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV)

/* Only the first field of struct landlock_ruleset_attr: the kernel accepts a prefix of it, on every ABI. */
struct ruleset_attr {
  uint64_t handled_access_fs;
};
struct path_beneath_attr {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));

/* The kernel's Landlock ABI, or 0 with the reason in `why`. */
int landlock_abi(char *why, size_t size) {
  long abi = syscall(SYS_CREATE_RULESET, NULL, 0, CREATE_RULESET_VERSION);
  if (abi > 0) return (int)abi;
  const char *reason = errno == ENOSYS       ? "the kernel has no Landlock"
                       : errno == EOPNOTSUPP ? "Landlock is not enabled at boot"
                       : errno == EPERM      ? "a seccomp profile blocks the Landlock system calls"
                                             : strerror(errno);
  snprintf(why, size, "%s", reason);
  return 0;
}

/* Every filesystem right the given ABI knows. */
static uint64_t handled(int abi) {
  uint64_t all = FS_V1_ALL;
  if (abi >= 2) all |= FS_REFER;
  if (abi >= 3) all |= FS_TRUNCATE;
  if (abi >= 5) all |= FS_IOCTL_DEV;
  return all;
}

/* One rule; 1 added, 0 skipped (missing, best_effort), -1 failed (reason in `why`). */
static int add(int ruleset, const char *path, uint64_t access, int hard, char *why, size_t size) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) {
    if (!hard && (errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == ELOOP)) return 0;
    snprintf(why, size, "%s: %s", path, strerror(errno));
    return -1;
  }
  struct stat st;
  /* The file type from the same fd the rule uses: no race with a path swapped in between. */
  if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) access &= FS_FILE;
  struct path_beneath_attr rule = {.allowed_access = access, .parent_fd = fd};
  long rc = syscall(SYS_ADD_RULE, ruleset, RULE_PATH_BENEATH, &rule, 0);
  int err = errno;
  close(fd);
  if (rc != 0) {
    if (!hard) return 0; /* best_effort: one path fewer, never fewer restrictions */
    snprintf(why, size, "%s: landlock_add_rule: %s", path, strerror(err));
    return -1;
  }
  return 1;
}

/* Restrict this process (and what it starts) to the rules; 0 on success, -1 with the reason in `why`. */
int landlock_apply(const char *const *ro, int nro, const char *const *rw, int nrw, int hard, char *why,
                   size_t size) {
  int abi = landlock_abi(why, size);
  if (abi == 0) return -1;
  uint64_t all = handled(abi);
  struct ruleset_attr attr = {.handled_access_fs = all};
  int ruleset = (int)syscall(SYS_CREATE_RULESET, &attr, sizeof attr, 0);
  if (ruleset < 0) {
    snprintf(why, size, "landlock_create_ruleset: %s", strerror(errno));
    return -1;
  }
  int failed = 0;
  for (int i = 0; i < nro && !failed; i++) failed = add(ruleset, ro[i], FS_READ, hard, why, size) < 0;
  for (int i = 0; i < nrw && !failed; i++) failed = add(ruleset, rw[i], all, hard, why, size) < 0;
  /* Without no_new_privs an unprivileged process may not restrict itself (the engine sets it too). */
  if (!failed && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    snprintf(why, size, "no_new_privs: %s", strerror(errno));
    failed = 1;
  }
  if (!failed && syscall(SYS_RESTRICT_SELF, ruleset, 0) != 0) {
    snprintf(why, size, "landlock_restrict_self: %s", strerror(errno));
    failed = 1;
  }
  close(ruleset);
  return failed ? -1 : 0;
}

/* Typed wrappers for the few Linux calls the supervisor needs that Swift cannot reach through the
 * Glibc module: prctl is variadic, and signalfd and the pty functions are hidden behind feature-test
 * macros there. Nothing is linked: everything here is in libc. */
#ifndef LWEXEC_CSUPERVISION_SHIM_H
#define LWEXEC_CSUPERVISION_SHIM_H
#include <stddef.h>
#include <signal.h>
#include <sys/signalfd.h>

int prctl(int option, ...);
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
int ptsname_r(int fd, char *buf, size_t buflen);
int pipe2(int fds[2], int flags);

/* posix_spawn flag (glibc >= 2.26): the child calls setsid() before its file actions run. */
#define LW_POSIX_SPAWN_SETSID 0x80

/* Makes the calling process a child subreaper: orphaned descendants are reparented to it. */
static inline int lw_set_child_subreaper(void) { return prctl(36 /* PR_SET_CHILD_SUBREAPER */, 1UL, 0UL, 0UL, 0UL); }

/* Whether the process may dump core and be ptrace-attached by its user (reset to 1 by execve). */
static inline int lw_set_dumpable(int on) { return prctl(4 /* PR_SET_DUMPABLE */, (unsigned long)on, 0UL, 0UL, 0UL); }

/* A non-blocking, close-on-exec signalfd for `mask`. */
static inline int lw_signalfd(const sigset_t *mask) { return signalfd(-1, mask, SFD_NONBLOCK | SFD_CLOEXEC); }

static inline int lw_posix_openpt(int flags) { return posix_openpt(flags); }
static inline int lw_grantpt(int fd) { return grantpt(fd); }
static inline int lw_unlockpt(int fd) { return unlockpt(fd); }
static inline int lw_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }
static inline int lw_ptsname_r(int fd, char *buf, size_t len) { return ptsname_r(fd, buf, len); }
#endif

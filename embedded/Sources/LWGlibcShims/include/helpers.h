#ifndef LW_EMBEDDED_GLIBC_HELPERS_H
#define LW_EMBEDDED_GLIBC_HELPERS_H
/* The toolchain's umbrella header, which the VFS overlay puts in /usr/include and its module map lists:
   included by that name it is an import of SwiftGlibc, not a second textual copy of glibc's headers
   (a copy would make this module own `winsize`, `SIGCHLD`..., which Embedded then insists be imported). */
#include <SwiftGlibc.h>
/* errno is a function-like macro: not importable. */
static inline int lw_get_errno(void) { return errno; }
static inline void lw_set_errno(int v) { errno = v; }
/* open/openat/fcntl/ioctl are variadic: not importable. */
static inline int lw_open(const char *p, int f, mode_t m) { return open(p, f, m); }
static inline int lw_openat(int d, const char *p, int f, mode_t m) { return openat(d, p, f, m); }
static inline int lw_fcntl(int fd, int cmd) { return fcntl(fd, cmd); }
static inline int lw_fcntl_int(int fd, int cmd, int v) { return fcntl(fd, cmd, v); }
static inline int lw_fcntl_ptr(int fd, int cmd, void *p) { return fcntl(fd, cmd, p); }
static inline int lw_ioctl(int fd, unsigned long r, void *p) { return ioctl(fd, r, p); }
static inline int lw_ioctl_int(int fd, unsigned long r, int v) { return ioctl(fd, r, v); }
/* SIG_DFL/SIG_IGN are casts of integers to function pointers. */
static inline __sighandler_t lw_sig_dfl(void) { return SIG_DFL; }
static inline __sighandler_t lw_sig_ign(void) { return SIG_IGN; }
static inline __sighandler_t lw_sig_err(void) { return SIG_ERR; }
/* environ is declared only under _GNU_SOURCE. */
extern char **environ;
static inline char **lw_environ(void) { return environ; }
/* argc/argv for Embedded Swift, which has no CommandLine: glibc passes (argc, argv, envp) to
   .init_array functions; args.c stores them. */
extern int lw_embedded_argc;
extern char **lw_embedded_argv;
static inline int lw_argc(void) { return lw_embedded_argc; }
static inline char **lw_argv(void) { return lw_embedded_argv; }
#endif

/* libkeyutils, for the kernel keyring cache. keyctl() is variadic, so the few
 * operations lwexec needs go through the library's typed keyctl_* functions. */
#ifndef LWEXEC_CKEYUTILS_SHIM_H
#define LWEXEC_CKEYUTILS_SHIM_H
#include <keyutils.h>
#endif

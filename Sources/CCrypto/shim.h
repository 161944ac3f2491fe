/* libcrypto entry points lwexec-core uses (SHA-256, SHA-1, HMAC-SHA256, RAND_bytes), loaded at
 * run time.
 *
 * Like libcurl, libcrypto is not linked: its ~3,400 symbol bindings and its provider
 * initialisation cost more than the rest of a run that never signs a request.
 * lw_crypto_load() dlopens it on first use and fills a table of typed entry points.
 * The static launcher cannot reach this module (Tests/Integration/test_module_graph.py): its cache
 * keys are hashed by LWEncoding, in Swift.
 */
#ifndef LWEXEC_CCRYPTO_SHIM_H
#define LWEXEC_CCRYPTO_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <openssl/evp.h>

typedef struct lw_crypto_api {
    const EVP_MD *(*evp_sha256)(void);
    const EVP_MD *(*evp_sha1)(void);
    int (*evp_digest)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, ENGINE *);
    unsigned char *(*hmac)(const EVP_MD *, const void *, int, const unsigned char *, size_t, unsigned char *, unsigned int *);
    int (*rand_bytes)(unsigned char *, int);
} lw_crypto_api;

/* Loads libcrypto and fills `api`. Returns 0, or -1 with a reason in `err`. */
static inline int lw_crypto_load(lw_crypto_api *api, char *err, size_t errlen) {
    const char *names[] = { "libcrypto.so.3", "libcrypto.so", NULL };
    void *lib = NULL;
    for (int i = 0; names[i] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        snprintf(err, errlen, "%s", why ? why : "libcrypto.so.3 not found");
        return -1;
    }
#define LW_SYM(field, name) \
    do { *(void **)(&api->field) = dlsym(lib, name); \
         if (!api->field) { snprintf(err, errlen, "libcrypto lacks %s", name); return -1; } } while (0)
    LW_SYM(evp_sha256, "EVP_sha256");
    LW_SYM(evp_sha1, "EVP_sha1");
    LW_SYM(evp_digest, "EVP_Digest");
    LW_SYM(hmac, "HMAC");
    LW_SYM(rand_bytes, "RAND_bytes");
#undef LW_SYM
    return 0;
}

#endif

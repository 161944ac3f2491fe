/* libcrypto entry points lwexec uses (SHA-256, SHA-1, HMAC-SHA256, RAND_bytes, base64),
 * loaded at run time.
 *
 * Like libcurl, libcrypto is not linked: its ~3,400 symbol bindings and its provider
 * initialisation cost more than the rest of a cached launch, which never signs a request.
 * lw_crypto_load() dlopens it on first use and fills a table of typed entry points.
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
    int (*encode_block)(unsigned char *, const unsigned char *, int);
    int (*decode_block)(unsigned char *, const unsigned char *, int);
} lw_crypto_api;

extern const char _DYNAMIC[] __attribute__((weak));

/* Loads libcrypto and fills `api`. Returns 0, or -1 with a reason in `err`. */
static inline int lw_crypto_load(lw_crypto_api *api, char *err, size_t errlen) {
    const char *names[] = { "libcrypto.so.3", "libcrypto.so", NULL };
    void *lib = NULL;
    /* A statically linked executable (the warm-start launcher) has no dynamic section: dlopen there
       would bring a second libc into the process. Refuse cleanly; that launcher hands such runs to
       lwexec-core. (_DYNAMIC is weak: null exactly when the executable was linked statically.) */
    if (&_DYNAMIC[0] == 0) {
        snprintf(err, errlen, "this executable is statically linked and cannot load libcrypto");
        return -1;
    }
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
    LW_SYM(encode_block, "EVP_EncodeBlock");
    LW_SYM(decode_block, "EVP_DecodeBlock");
#undef LW_SYM
    return 0;
}

#endif

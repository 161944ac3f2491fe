/* libcrypto entry points lwexec uses: SHA-256, HMAC-SHA256, RAND_bytes, base64. */
#ifndef LWEXEC_CCRYPTO_SHIM_H
#define LWEXEC_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#endif

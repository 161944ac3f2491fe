/* Thin shim over libcurl, loaded at run time.
 *
 * lwexec never links libcurl: a cached launch must not pay for loading it and the
 * ~30 libraries it pulls in. lw_curl_load() dlopens it on first network use and
 * fills a table of entry points; the typed wrappers below exist because Swift
 * cannot call the variadic curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt.
 */
#ifndef LWEXEC_CCURL_SHIM_H
#define LWEXEC_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

typedef struct lw_curl_api {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    void *easy_setopt;   /* CURLcode (*)(CURL *, CURLoption, ...) */
    void *easy_getinfo;  /* CURLcode (*)(CURL *, CURLINFO, ...) */
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLMcode (*multi_cleanup)(CURLM *);
    void *multi_setopt;  /* CURLMcode (*)(CURLM *, CURLMoption, ...) */
} lw_curl_api;

extern const char _DYNAMIC[] __attribute__((weak));

/* Loads libcurl and fills `api`. Returns 0, or -1 with a reason in `err`. */
static inline int lw_curl_load(lw_curl_api *api, char *err, size_t errlen) {
    const char *names[] = { "libcurl.so.4", "libcurl.so", NULL };
    void *lib = NULL;
    /* A statically linked executable (the warm-start launcher) has no dynamic section: dlopen there
       would bring a second libc into the process. Refuse cleanly; that launcher hands such runs to
       lwexec-core. (_DYNAMIC is weak: null exactly when the executable was linked statically.) */
    if (&_DYNAMIC[0] == 0) {
        snprintf(err, errlen, "this executable is statically linked and cannot load libcurl");
        return -1;
    }
    for (int i = 0; names[i] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        snprintf(err, errlen, "%s", why ? why : "libcurl.so.4 not found");
        return -1;
    }
#define LW_SYM(field, name) \
    do { *(void **)(&api->field) = dlsym(lib, name); \
         if (!api->field) { snprintf(err, errlen, "libcurl lacks %s", name); return -1; } } while (0)
    LW_SYM(global_init, "curl_global_init");
    LW_SYM(easy_init, "curl_easy_init");
    LW_SYM(easy_cleanup, "curl_easy_cleanup");
    LW_SYM(easy_reset, "curl_easy_reset");
    LW_SYM(easy_perform, "curl_easy_perform");
    LW_SYM(easy_strerror, "curl_easy_strerror");
    LW_SYM(easy_setopt, "curl_easy_setopt");
    LW_SYM(easy_getinfo, "curl_easy_getinfo");
    LW_SYM(slist_append, "curl_slist_append");
    LW_SYM(slist_free_all, "curl_slist_free_all");
    LW_SYM(multi_init, "curl_multi_init");
    LW_SYM(multi_add_handle, "curl_multi_add_handle");
    LW_SYM(multi_remove_handle, "curl_multi_remove_handle");
    LW_SYM(multi_perform, "curl_multi_perform");
    LW_SYM(multi_poll, "curl_multi_poll");
    LW_SYM(multi_info_read, "curl_multi_info_read");
    LW_SYM(multi_cleanup, "curl_multi_cleanup");
    LW_SYM(multi_setopt, "curl_multi_setopt");
#undef LW_SYM
    return 0;
}

typedef CURLcode (*lw_setopt_fn)(CURL *, CURLoption, ...);
typedef CURLcode (*lw_getinfo_fn)(CURL *, CURLINFO, ...);
typedef CURLMcode (*lw_msetopt_fn)(CURLM *, CURLMoption, ...);

static inline CURLcode lw_setopt_long(const lw_curl_api *a, CURL *h, CURLoption o, long v) {
    return ((lw_setopt_fn)a->easy_setopt)(h, o, v);
}
static inline CURLcode lw_setopt_str(const lw_curl_api *a, CURL *h, CURLoption o, const char *v) {
    return ((lw_setopt_fn)a->easy_setopt)(h, o, v);
}
static inline CURLcode lw_setopt_ptr(const lw_curl_api *a, CURL *h, CURLoption o, void *v) {
    return ((lw_setopt_fn)a->easy_setopt)(h, o, v);
}
static inline CURLcode lw_setopt_slist(const lw_curl_api *a, CURL *h, CURLoption o, struct curl_slist *v) {
    return ((lw_setopt_fn)a->easy_setopt)(h, o, v);
}
static inline CURLcode lw_setopt_off(const lw_curl_api *a, CURL *h, CURLoption o, curl_off_t v) {
    return ((lw_setopt_fn)a->easy_setopt)(h, o, v);
}
typedef size_t (*lw_write_cb)(char *, size_t, size_t, void *);
static inline CURLcode lw_setopt_writefn(const lw_curl_api *a, CURL *h, CURLoption o, lw_write_cb v) {
    return ((lw_setopt_fn)a->easy_setopt)(h, o, v);
}
static inline CURLcode lw_getinfo_long(const lw_curl_api *a, CURL *h, CURLINFO i, long *out) {
    return ((lw_getinfo_fn)a->easy_getinfo)(h, i, out);
}
static inline CURLcode lw_getinfo_ptr(const lw_curl_api *a, CURL *h, CURLINFO i, void **out) {
    return ((lw_getinfo_fn)a->easy_getinfo)(h, i, out);
}
static inline CURLMcode lw_msetopt_long(const lw_curl_api *a, CURLM *m, CURLMoption o, long v) {
    return ((lw_msetopt_fn)a->multi_setopt)(m, o, v);
}
/* CURLMsg.data is a union Swift cannot read directly. */
static inline CURLcode lw_msg_result(const CURLMsg *m) { return m->data.result; }

#endif

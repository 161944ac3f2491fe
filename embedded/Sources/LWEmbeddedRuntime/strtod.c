/* Runtime entry points the Embedded stdlib references but the embedded toolchain does not ship for
 * x86_64-unknown-linux-gnu (in the full runtime they live in libswiftCore's Stubs.cpp).
 * Only what lwexec's launcher closure needs: Double(String) in LWJSON. */
#define _GNU_SOURCE 1
#include <locale.h>
#include <stdlib.h>

static locale_t lw_c_locale(void) {
    static locale_t c;
    if (!c) c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return c;
}

/* Parses a double in the C locale; returns the end of the parse (the stdlib checks it consumed all). */
const char *_swift_stdlib_strtod_clocale(const char *nptr, double *outResult) {
    char *end;
    *outResult = strtod_l(nptr, &end, lw_c_locale());
    return end;
}

/*
 * The C side of `ggen benchmark-ffi`: the workloads C can take (it has no maps), named as in every
 * other language. Built into lib/native/libggen_benchmark.so of the distribution.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int64_t add(int64_t a, int64_t b) {
    return a + b;
}

size_t length(const char *s) {
    return strlen(s);
}

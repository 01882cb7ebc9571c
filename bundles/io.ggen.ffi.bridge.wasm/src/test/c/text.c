/*
 * Strings and bytes through the bridge's memory convention, libc and WASI: what the bridge's tests call.
 * A WASI reactor: clang --target=wasm32-wasi -O2 -mexec-model=reactor -o text.wasm text.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static int live_blocks;

/* The convention's allocator: the bridge copies string and bytes arguments into what it returns. */
EXPORT("alloc") void *alloc(int len) {
    void *block = malloc((size_t) len);
    if (block) {
        live_blocks++;
    }
    return block;
}

/* The convention's deallocator: the bridge frees arguments after the call, and results once read. */
EXPORT("dealloc") void dealloc(void *block, int len) {
    (void) len;
    live_blocks--;
    free(block);
}

/* How many blocks alloc gave that dealloc has not taken back. */
EXPORT("live_blocks") int live(void) {
    return live_blocks;
}

static uint64_t pack(const char *ptr, int len) {
    return ((uint64_t) (uintptr_t) ptr << 32) | (uint32_t) len;
}

/* strlen: the bridge ends a string argument with a NUL. */
EXPORT("length") int length(const char *s, int len) {
    (void) len;
    return (int) strlen(s);
}

/* snprintf into a block the bridge frees; printf to stdout, which goes to the log. */
EXPORT("greet") uint64_t greet(const char *name, int len) {
    int size = len + 32;
    char *out = alloc(size);
    int written = snprintf(out, (size_t) size, "Hello, %s!", name);
    printf("greeting %s\n", name);
    return pack(out, written);
}

/* Bytes in, the same bytes reversed out. */
EXPORT("reverse") uint64_t reverse(const unsigned char *bytes, int len) {
    unsigned char *out = alloc(len > 0 ? len : 1);
    for (int i = 0; i < len; i++) {
        out[i] = bytes[len - 1 - i];
    }
    return pack((const char *) out, len);
}

/* A string the module keeps (free.motto=none). */
EXPORT("motto") uint64_t motto(void) {
    static const char text[] = "wasm works";
    return pack(text, (int) sizeof text - 1);
}

/* The environment WASI gives: how many variables, and one by name (-1: not set). */
extern char **environ;
EXPORT("env_count") int env_count(void) {
    int count = 0;
    for (char **e = environ; e && *e; e++) {
        count++;
    }
    return count;
}

EXPORT("env_length") int env_length(const char *name, int len) {
    (void) len;
    const char *value = getenv(name);
    return value ? (int) strlen(value) : -1;
}

/* Reads a file through WASI: its size, or -1 when it cannot be opened. */
EXPORT("file_size") int file_size(const char *path, int len) {
    (void) len;
    FILE *f = fopen(path, "rb");
    if (!f) {
        return -1;
    }
    int size = 0;
    while (fgetc(f) != EOF) {
        size++;
    }
    fclose(f);
    return size;
}

/* malloc of this many MiB: past the bridge's memory limit, memory.grow traps. Kept in a volatile, so that
   the compiler cannot leave the allocation out. */
static char *volatile hogged;
EXPORT("hog") int hog(int mib) {
    hogged = malloc((size_t) mib << 20);
    if (!hogged) {
        return 0;
    }
    free(hogged);
    hogged = 0;
    return 1;
}

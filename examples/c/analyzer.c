/*
 * The C library of reference command 3 (ggen test-ffi c): analyze_code takes C source and returns a string it
 * allocated; the caller frees it with free_c_string. analyzer_live_strings counts the strings handed
 * out and not yet freed, so tests can prove every one was freed exactly once.
 *
 *   gcc -shared -fPIC -O2 -o libanalyzer.so analyzer.c
 *   ggen test-ffi c --library libanalyzer.so --function analyze_code --input "int main() {}"
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_long live_strings;

/* Lines, characters and function bodies (a '{' right after a ')') of a piece of C. */
char *analyze_code(const char *source) {
    if (source == NULL) {
        return NULL;
    }
    long lines = *source ? 1 : 0, chars = 0, functions = 0;
    char last = 0;
    for (const char *p = source; *p; p++) {
        chars++;
        if (*p == '\n') {
            lines++;
        }
        if (*p == '{' && last == ')') {
            functions++;
        }
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            last = *p;
        }
    }
    char *result = malloc(128);
    if (result == NULL) {
        return NULL;
    }
    snprintf(result, 128, "C analysis complete: %ld line%s, %ld characters, %ld function%s",
             lines, lines == 1 ? "" : "s", chars, functions, functions == 1 ? "" : "s");
    atomic_fetch_add(&live_strings, 1);
    return result;
}

void free_c_string(char *s) {
    if (s != NULL) {
        atomic_fetch_sub(&live_strings, 1);
        free(s);
    }
}

long analyzer_live_strings(void) {
    return atomic_load(&live_strings);
}

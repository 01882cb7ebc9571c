/* Functions the C bridges' tests call: buffers, out-parameters, callbacks, ownership, bad UTF-8. */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static atomic_long live;

/* The bridge contract's echo and add. */
int64_t ggentest_echo(int64_t x) {
    return x;
}

int64_t ggentest_add(int64_t a, int64_t b) {
    return a + b;
}

void fill_bytes(uint8_t *buffer, size_t length, uint8_t value) {
    memset(buffer, value, length);
}

long sum_ints(const int *values, size_t count) {
    long sum = 0;
    for (size_t i = 0; i < count; i++) {
        sum += values[i];
    }
    return sum;
}

int divide(int a, int b, int *quotient, int *remainder) {
    if (b == 0) {
        errno = EDOM;
        return -1;
    }
    *quotient = a / b;
    *remainder = a % b;
    return 0;
}

const char *invalid_utf8(void) {
    return "ok\xff\xfe";
}

int apply_twice(int (*f)(int), int x) {
    return f(f(x));
}

char *duplicate(const char *s) {
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    memcpy(copy, s, n);
    atomic_fetch_add(&live, 1);
    return copy;
}

void *counter_new(void) {
    atomic_fetch_add(&live, 1);
    return calloc(1, sizeof(long));
}

long counter_next(void *counter) {
    return ++*(long *)counter;
}

void ggentest_free(void *p) {
    if (p != NULL) {
        atomic_fetch_sub(&live, 1);
        free(p);
    }
}

long ggentest_live(void) {
    return atomic_load(&live);
}

int same_pointer(void *(*f)(void *), void *p) {
    return f(p) == p;
}

/* One function per scalar type, for the conversions both ways: each gives back what it got, changed a little. */
#include <stdbool.h>

uint8_t next_u8(uint8_t x) { return x + 1; }
int8_t negate_i8(int8_t x) { return -x; }
uint16_t next_u16(uint16_t x) { return x + 1; }
uint32_t next_u32(uint32_t x) { return x + 1; }
uint64_t next_u64(uint64_t x) { return x + 1; }
bool not_bool(bool b) { return !b; }
float half_float(float x) { return x / 2; }
char upper_char(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

static int64_t kept_value;
void keep_value(int64_t x) { kept_value = x; }
int64_t kept(void) { return kept_value; }

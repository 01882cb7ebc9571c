/* Functions that misbehave, for IsolationIT: each takes and returns an int. */
#include <stdio.h>
#include <stdlib.h>

int crash(int x) { volatile int *nowhere = NULL; return *nowhere + x; }   /* SIGSEGV */
int fail_abort(int x) { abort(); return x; }                            /* SIGABRT */
int quit(int x) { exit(3); return x; }                                  /* exit(3) */
int noisy_twice(int x) { printf("native code writing to stdout\n"); fflush(stdout); return 2 * x; }
int inc(int x) { return x + 1; }
int spin(int x) { volatile long turns = 0; for (;;) { turns++; } return x; }   /* until its CPU limit */

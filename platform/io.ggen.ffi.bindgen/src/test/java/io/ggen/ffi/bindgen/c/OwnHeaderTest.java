package io.ggen.ffi.bindgen.c;

import static io.ggen.ffi.bindgen.c.GeneratedBindings.bind;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.call;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.callback;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.compile;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.constant;
import static io.ggen.ffi.bindgen.c.GeneratedBindings.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header of the test's own, with what a binding must handle and what it must skip, and its C
 * compiled by gcc into a library: the round trip through the generated interface.
 */
class OwnHeaderTest {

    static final String HEADER = """
        #ifndef SHAPES_H
        #define SHAPES_H
        #include <stdint.h>
        #include "shapes_config.h"

        #define SHAPES_MAX_SIDES 12
        #define SHAPES_BIG (1ULL << 40)
        #define SHAPES_ALL_BITS 0xFFFFFFFFFFFFFFFFULL
        #define SHAPES_NAME "shapes" " v" "1"
        #define SHAPES_SQUARE(x) ((x) * (x))
        #define SHAPES_RATIO 1.5
        #define SHAPES_FROM_CONFIG (SHAPES_CONFIG_BASE + 1)

        typedef int32_t side_t;
        /** Turns one number into another. */
        typedef int (*transform_fn)(int value);

        /** The colours a shape can have. */
        enum colour { RED, GREEN = 5, BLUE };
        typedef enum { SMALL = -1, LARGE = 1 } size_class;
        typedef struct point { int x; int y; } point;
        struct flags { unsigned a : 1; unsigned b : 3; };
        typedef struct shape shape;
        extern int shapes_made;

        /** Applies fn to x. */
        int apply(transform_fn fn, int x);
        /** Divides a by b and writes the remainder. */
        int divide(int a, int b, int* remainder);
        side_t sides_of(enum colour c);
        const char* shapes_name(void);
        int point_sum(point p);
        int sum_all(int count, ...);
        shape* shape_new(int sides);
        int shape_sides(const shape* s);
        void shape_free(shape* s);
        int shape_make(int sides, shape** out);
        uint64_t mix(uint8_t a, uint16_t b, uint32_t c, int64_t d);
        double scale(double v, float f);
        long double precise(long double x);
        void fill(unsigned long* values, int count, unsigned long start);
        static inline int twice(int x) { return 2 * x; }
        #endif
        """;

    static final String SOURCE = """
        #include <stdarg.h>
        #include <stdlib.h>
        #include "shapes.h"
        struct shape { int sides; };
        int shapes_made = 0;
        int apply(transform_fn fn, int x) { return fn(x); }
        int divide(int a, int b, int* remainder) { *remainder = a % b; return a / b; }
        side_t sides_of(enum colour c) { return (side_t) c; }
        const char* shapes_name(void) { return SHAPES_NAME; }
        int point_sum(point p) { return p.x + p.y; }
        int sum_all(int count, ...) { return count; }
        shape* shape_new(int sides) { shape* s = malloc(sizeof *s); s->sides = sides; shapes_made++; return s; }
        int shape_sides(const shape* s) { return s->sides; }
        void shape_free(shape* s) { free(s); }
        int shape_make(int sides, shape** out) { *out = shape_new(sides); return *out ? 0 : -1; }
        uint64_t mix(uint8_t a, uint16_t b, uint32_t c, int64_t d) { return a + b + (uint64_t) c + (uint64_t) d; }
        double scale(double v, float f) { return v * f; }
        long double precise(long double x) { return x; }
        void fill(unsigned long* values, int count, unsigned long start) { for (int i = 0; i < count; i++) values[i] = start + i; }
        """;

    @TempDir
    static Path folder;

    static String generated;
    static Class<?> api;
    static Object shapes;

    @BeforeAll
    static void buildTheLibraryAndTheBinding() throws Exception {
        Path include = Files.createDirectories(folder.resolve("include"));
        Files.writeString(include.resolve("shapes.h"), HEADER);
        // shapes.h includes shapes_config.h from another folder: found through -I, as clang's arguments pass it
        Path config = Files.createDirectories(folder.resolve("config"));
        Files.writeString(config.resolve("shapes_config.h"), "#define SHAPES_CONFIG_BASE 40\n");
        Files.writeString(folder.resolve("shapes.c"), SOURCE);
        run(folder, "gcc", "-shared", "-fPIC", "-O2", "-Wall", "-I", "include", "-I", "config", "-o", "libshapes.so", "shapes.c");
        generated = CBindings.generate(include.resolve("shapes.h"), folder.resolve("libshapes.so").toString(),
            "org.example.shapes", null, List.of("-I", config.toString(), "-DSHAPES_UNUSED=1")).source();
        api = compile(generated, "org.example.shapes.Shapes", folder);
        shapes = bind(api, (String) constant(api, "LIBRARY"));
    }

    @Test
    void definesAreConstantsOfTheirTypeAndOnlyTheHeadersOwn() throws Exception {
        assertThat(constant(api, "SHAPES_MAX_SIDES")).isEqualTo(12);
        assertThat(constant(api, "SHAPES_BIG")).isEqualTo(1L << 40);
        assertThat(constant(api, "SHAPES_ALL_BITS")).isEqualTo(-1L);
        assertThat(constant(api, "SHAPES_NAME")).isEqualTo("shapes v1");
        assertThat(constant(api, "SHAPES_FROM_CONFIG")).as("a define using one of an included header").isEqualTo(41);
        assertThat(generated).doesNotContain("SHAPES_SQUARE").doesNotContain("SHAPES_RATIO")
            .doesNotContain("SHAPES_CONFIG_BASE").doesNotContain("SHAPES_H ").doesNotContain("INT32_MAX");
    }

    @Test
    void enumsAreClassesOfConstants() throws Exception {
        assertThat(constant(api, "Colour.RED")).isEqualTo(0);
        assertThat(constant(api, "Colour.GREEN")).isEqualTo(5);
        assertThat(constant(api, "Colour.BLUE")).isEqualTo(6);
        assertThat(constant(api, "SizeClass.SMALL")).as("an anonymous enum named by its typedef").isEqualTo(-1);
        assertThat(generated).contains("     * The colours a shape can have.\n");
    }

    @Test
    void functionsRoundTripThroughTheGeneratedBinding() throws Throwable {
        Object triple = callback(api, "TransformFn", args -> (int) args[0] * 3);
        assertThat(call(shapes, "apply", triple, 7)).isEqualTo(21);

        int[] remainder = new int[1];
        assertThat(call(shapes, "divide", 17, 5, remainder)).isEqualTo(3);
        assertThat(remainder[0]).isEqualTo(2);

        assertThat(call(shapes, "sides_of", constant(api, "Colour.BLUE"))).isEqualTo(6);
        assertThat(call(shapes, "shapes_name")).isEqualTo(constant(api, "SHAPES_NAME"));
        assertThat(call(shapes, "mix", (byte) 200, (short) 60000, (int) 4_000_000_000L, 5L))
            .as("unsigned arguments keep their bits").isEqualTo(200L + 60000L + 4_000_000_000L + 5L);
        assertThat((double) call(shapes, "scale", 2.5, 4.0f)).isEqualTo(10.0);

        long[] values = new long[4];
        call(shapes, "fill", values, values.length, 10L);
        assertThat(values).containsExactly(10, 11, 12, 13);

        long[] out = new long[1];
        assertThat(call(shapes, "shape_make", 5, out)).isEqualTo(0);
        MemorySegment shape = MemorySegment.ofAddress(out[0]);
        assertThat(call(shapes, "shape_sides", shape)).isEqualTo(5);
        call(shapes, "shape_free", shape);
        MemorySegment other = (MemorySegment) call(shapes, "shape_new", 8);
        assertThat(call(shapes, "shape_sides", other)).isEqualTo(8);
        call(shapes, "shape_free", other);

        assertThatThrownBy(() -> call(shapes, "apply", callback(api, "TransformFn", args -> {
            throw new IllegalStateException("no");
        }), 1)).hasMessageContaining("the callback passed to C failed: no");
    }

    @Test
    void whatTheBridgesCannotCallIsSkippedWithTheReason() {
        assertThat(generated)
            .contains("// skipped: point_sum — struct point by value: the C bridges pass structs and unions only by pointer")
            .contains("// skipped: sum_all — variadic (...)")
            .contains("// skipped: precise — long double has no counterpart in the C bridges")
            .contains("// skipped: twice — static or inline")
            .contains("// skipped: struct flags — its fields are not generated (it has bit-fields)")
            .contains("// skipped: shapes_made — a global variable")
            .doesNotContain("int point_sum(").doesNotContain("sum_all(int");
    }

    @Test
    void theSignatureOfOneFunctionComesFromTheHeader() {
        Path header = folder.resolve("include/shapes.h");
        List<String> args = List.of("-I", folder.resolve("config").toString());
        assertThat(CHeader.signature(header, "divide", args)).isEqualTo("int divide(int a, int b, int* remainder)");
        assertThat(CHeader.signature(header, "apply", args)).isEqualTo("int apply(int (*fn)(int), int x)");
        assertThat(CHeader.signature(header, "shape_make", args)).isEqualTo("int shape_make(int sides, void** out)");
        assertThat(CHeader.signature(header, "sides_of", args)).isEqualTo("int sides_of(int c)");
        assertThatThrownBy(() -> CHeader.signature(header, "nope", args)).isInstanceOf(CHeaderException.class)
            .hasMessageContaining("the function 'nope' is not declared in " + header);
        assertThatThrownBy(() -> CHeader.signature(header, "sum_all", args)).isInstanceOf(CHeaderException.class)
            .hasMessageContaining("cannot call 'sum_all'").hasMessageContaining("variadic");
        assertThatThrownBy(() -> CHeader.signature(header, "divide")).isInstanceOf(CHeaderException.class)
            .as("without the -I it needs, clang's error is in the message").hasMessageContaining("shapes_config.h");
    }
}

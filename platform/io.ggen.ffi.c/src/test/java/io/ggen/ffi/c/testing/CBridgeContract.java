package io.ggen.ffi.c.testing;

import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CCallback;
import io.ggen.ffi.c.CPointer;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import io.ggen.ffi.memory.testing.TestMemory;
import io.ggen.ffi.testkit.BridgeContract;
import io.ggen.ffi.testkit.BridgeSamples;
import io.ggen.ffi.testkit.TestCallContext;
import io.ggen.ffi.testkit.ValueKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@code c} bridge does the same (shipped in this bundle's test-jar): the testkit's
 * {@link BridgeContract} for C (echo and add of 64-bit integers, an errno failure, returned
 * pointers as handles, a file that is not a library), refined by the C bridges' module options,
 * value rules and messages, against real C libraries — libc, libm, libz, the analyzer example's
 * {@code libanalyzer.so} and the tests' {@code libggentest.so}, both in the folder the system
 * property {@code ggen.test.native} names. A bridge's test class extends it, makes the bridge and
 * stops it, and keeps only what is its own.
 *
 * @param <B> the bridge under test, so that its own tests can reach its package-private parts
 */
public abstract class CBridgeContract<B extends ForeignBridge> extends BridgeContract<B> {

    /** The folder with the test libraries, built by the bridge's pom. */
    public static final Path NATIVE = Path.of(System.getProperty("ggen.test.native", "target/native")).toAbsolutePath();

    protected TestMemory memory;

    /** A new bridge on this memory manager; called before each test. */
    protected abstract B newBridge(NativeMemory memory);

    /** Stops the bridge as its component's deactivation does; called after each test. */
    @Override
    protected abstract void stop(B bridge);

    /**
     * Whether memory a callee keeps ({@code keep.NAME}) comes from the memory manager, so that it
     * counts as a live block until its module closes.
     */
    protected abstract boolean keptMemoryIsTheMemoryManagers();

    /** Checks what the bridge holds after a module failed to load; the default checks nothing more. */
    protected void checkAFailedLoadHoldsNothing() {
    }

    @Override
    protected final B newBridge() {
        memory = new TestMemory();
        return newBridge(memory);
    }

    @Override
    protected BridgeSamples samples() {
        return BridgeSamples.in(spec("libggentest.so", "signature.ggentest_echo", "int64_t ggentest_echo(int64_t x)",
                "signature.ggentest_add", "int64_t ggentest_add(int64_t a, int64_t b)"))
            .echo("ggentest_echo", ValueKind.INT32, ValueKind.INT53, ValueKind.INT64)
            .add("ggentest_add")
            .error(spec("libc.so.6", "signature", "int open(const char* path, int flags)", "errno", "true"), "open",
                "errno 2", "No such file or directory", ForeignValue.of("/no/such/file"), ForeignValue.of(0L))
            .handle(spec("libggentest.so", "signature", "void* counter_new(void)",
                "signature.ggentest_free", "void ggentest_free(void* p)", "free.counter_new", "ggentest_free"), "counter_new")
            .malformed(spec(notALibrary().toString()));
    }

    /** A file named like a library that holds text. */
    private static Path notALibrary() {
        Path file = NATIVE.resolve("libnotalibrary.so");
        try {
            Files.writeString(file, "this is not an ELF file\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The spec of a library in {@link #NATIVE} (the working directory); options are name, value pairs. */
    public static ModuleSpec spec(String library, String... options) {
        ModuleSpec spec = ModuleSpec.named("c", library).withOption("working-dir", NATIVE.toString());
        for (int i = 0; i < options.length; i += 2) {
            spec = spec.withOption(options[i], options[i + 1]);
        }
        return spec;
    }

    /** Loads a library into the bridge under test; options are name, value pairs. */
    protected GuestModule load(String library, String... options) {
        return bridge.load(spec(library, options));
    }

    private static ForeignValue out(ForeignValue result, String key) {
        return ((ForeignValue.MapValue) result).get(key);
    }

    private static long integer(ForeignValue value) {
        return ((ForeignValue.IntValue) value).value();
    }

    @Test
    void theAnalyzerExampleWithoutASignatureTakesStringsAndFreesTheResult() {
        GuestModule analyzer = load("libanalyzer.so", "free", "free_c_string");
        assertThat(call(analyzer, "analyze_code", ForeignValue.of("int main() {}")))
            .isEqualTo(ForeignValue.of("C analysis complete: 1 line, 13 characters, 1 function"));
        GuestModule counter = load("libanalyzer.so", "signature", "long analyzer_live_strings(void)");
        assertThat(call(counter, "analyzer_live_strings")).as("every string freed once").isEqualTo(ForeignValue.of(0L));
    }

    @Test
    void aLibraryTellsTheSignaturesItsOptionsDeclare() {
        GuestModule libc = load("libc.so.6", "signature.strlen", "size_t strlen(const char* s)", "signature.abs", "int abs(int)");
        assertThat(libc.signatures()).extracting(FunctionSignature::describe)
            .containsExactly("abs(arg0: int32) -> int32", "strlen(s: string) -> int");
        assertThat(load("libanalyzer.so").signatures()).as("undeclared functions are not known").isEmpty();
    }

    @Test
    void libcByLoaderNameAndLibmByShortName() {
        GuestModule libc = load("libc.so.6", "signature.strlen", "size_t strlen(const char* s)", "signature.abs", "int abs(int)");
        assertThat(call(libc, "strlen", ForeignValue.of("héllo"))).as("UTF-8 whatever jna.encoding says").isEqualTo(ForeignValue.of(6L));
        assertThat(call(libc, "abs", ForeignValue.of(-42L))).isEqualTo(ForeignValue.of(42L));
        assertThat(libc.functions()).containsExactly("abs", "strlen");
        GuestModule libm = load("m", "signature", "double pow(double, double)");
        assertThat(call(libm, "pow", ForeignValue.of(2.0), ForeignValue.of(10L))).isEqualTo(ForeignValue.of(1024.0));
    }

    @Test
    void everyScalarTypeKeepsItsBitsBothWays() {
        GuestModule test = load("libggentest.so",
            "signature.next_u8", "uint8_t next_u8(uint8_t x)", "signature.negate_i8", "int8_t negate_i8(int8_t x)",
            "signature.next_u16", "uint16_t next_u16(uint16_t x)", "signature.next_u32", "uint32_t next_u32(uint32_t x)",
            "signature.next_u64", "uint64_t next_u64(uint64_t x)", "signature.not_bool", "bool not_bool(bool b)",
            "signature.half_float", "float half_float(float x)", "signature.upper_char", "char upper_char(char c)",
            "signature.keep_value", "void keep_value(int64_t x)", "signature.kept", "int64_t kept(void)");
        assertThat(call(test, "next_u8", ForeignValue.of(254L))).isEqualTo(ForeignValue.of(255L));
        assertThat(call(test, "next_u8", ForeignValue.of(255L))).as("wraps as in C").isEqualTo(ForeignValue.of(0L));
        assertThat(call(test, "negate_i8", ForeignValue.of(-127L))).isEqualTo(ForeignValue.of(127L));
        assertThat(call(test, "next_u16", ForeignValue.of(65534L))).isEqualTo(ForeignValue.of(65535L));
        assertThat(call(test, "next_u32", ForeignValue.of(4_294_967_294L))).isEqualTo(ForeignValue.of(4_294_967_295L));
        assertThat(call(test, "next_u64", ForeignValue.of(Long.MAX_VALUE)))
            .as("beyond a long: a big integer").isEqualTo(ForeignValue.of(BigInteger.ONE.shiftLeft(63)));
        assertThat(call(test, "next_u64", ForeignValue.of(BigInteger.ONE.shiftLeft(63))))
            .isEqualTo(ForeignValue.of(BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE)));
        assertThat(call(test, "not_bool", ForeignValue.of(true))).isEqualTo(ForeignValue.of(false));
        assertThat(call(test, "half_float", ForeignValue.of(3L))).as("an integer where a float is expected")
            .isEqualTo(ForeignValue.of(1.5));
        assertThat(call(test, "upper_char", ForeignValue.of((long) 'q'))).isEqualTo(ForeignValue.of((long) 'Q'));
        assertThat(call(test, "keep_value", ForeignValue.of(-7L))).isEqualTo(ForeignValue.NULL);
        assertThat(call(test, "kept")).isEqualTo(ForeignValue.of(-7L));
        assertThatThrownBy(() -> call(test, "next_u8", ForeignValue.of(256L))).isInstanceOf(ForeignArgumentException.class)
            .hasMessageEndingWith("argument 'x' of next_u8: 256 does not fit in uint8_t");
        assertThatThrownBy(() -> call(test, "next_u32", ForeignValue.of(-1L))).isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("does not fit in uint32_t");
        assertThatThrownBy(() -> call(test, "not_bool", ForeignValue.of(1L))).isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("'b' of not_bool");
        assertThatThrownBy(() -> call(test, "half_float", ForeignValue.of("x"))).isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("'x' of half_float");
    }

    @Test
    void zlibCompressesIntoAnOutBufferAndTheLengthComesBack() {
        GuestModule zlib = load("libz.so.1",
            "signature.compress", "int compress(uint8_t* dest, unsigned long* destLen, const uint8_t* source, unsigned long sourceLen)",
            "signature.uncompress", "int uncompress(uint8_t* dest, unsigned long* destLen, const uint8_t* source, unsigned long sourceLen)");
        byte[] text = "hello hello hello hello hello hello".getBytes();
        ForeignValue compressed = call(zlib, "compress", ForeignValue.of(100L), ForeignValue.of(100L),
            ForeignValue.of(text), ForeignValue.of((long) text.length));
        assertThat(out(compressed, "return")).isEqualTo(ForeignValue.of(0L));
        long length = integer(out(compressed, "destLen"));
        assertThat(length).isBetween(5L, (long) text.length);
        byte[] packed = Arrays.copyOf(((ForeignValue.BytesValue) out(compressed, "dest")).value(), (int) length);
        ForeignValue restored = call(zlib, "uncompress", ForeignValue.of(200L), ForeignValue.of(200L),
            ForeignValue.of(packed), ForeignValue.of(length));
        assertThat(out(restored, "destLen")).isEqualTo(ForeignValue.of((long) text.length));
        byte[] back = ((ForeignValue.BytesValue) out(restored, "dest")).value();
        assertThat(new String(back, 0, text.length)).isEqualTo(new String(text));
    }

    @Test
    void buffersArraysAndScalarOutParameters() {
        GuestModule test = load("libggentest.so",
            "signature.fill_bytes", "void fill_bytes(uint8_t* buffer, size_t length, uint8_t value)",
            "signature.sum_ints", "long sum_ints(const int* values, size_t count)",
            "signature.divide", "int divide(int a, int b, int* quotient, int* remainder)");
        ForeignValue filled = call(test, "fill_bytes", ForeignValue.of(new byte[4]), ForeignValue.of(4L), ForeignValue.of(7L));
        assertThat(out(filled, "buffer")).isEqualTo(ForeignValue.of(new byte[] {7, 7, 7, 7}));
        assertThat(call(test, "sum_ints", ForeignValue.list(ForeignValue.of(1L), ForeignValue.of(2L), ForeignValue.of(39L)), ForeignValue.of(3L)))
            .isEqualTo(ForeignValue.of(42L));
        ForeignValue divided = call(test, "divide", ForeignValue.of(17L), ForeignValue.of(5L), ForeignValue.of(0L), ForeignValue.of(0L));
        assertThat(((ForeignValue.MapValue) divided).entries()).containsEntry(ForeignValue.of("quotient"), ForeignValue.of(3L))
            .containsEntry(ForeignValue.of("remainder"), ForeignValue.of(2L)).containsEntry(ForeignValue.of("return"), ForeignValue.of(0L));
    }

    @Test
    void aBlockOfPlatformMemoryIsPassedAsItIs() {
        GuestModule test = load("libggentest.so", "signature", "void fill_bytes(uint8_t* buffer, size_t length, uint8_t value)");
        NativeBlock block = memory.allocate(3);
        assertThat(call(test, "fill_bytes", ForeignValue.handle(block), ForeignValue.of(3L), ForeignValue.of(9L)))
            .as("the caller's memory is the caller's to read").isEqualTo(ForeignValue.NULL);
        assertThat(block.segment().toArray(ValueLayout.JAVA_BYTE)).containsExactly(9, 9, 9);
        block.release();
        assertThatThrownBy(() -> call(test, "fill_bytes", ForeignValue.handle(block), ForeignValue.of(3L), ForeignValue.of(9L)))
            .as("a released block is refused before the call").isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("is a released block of native memory");
    }

    @Test
    void errnoIsReportedWhenAFunctionFails() {
        GuestModule test = load("libggentest.so", "signature", "int divide(int a, int b, int* quotient, int* remainder)", "errno", "divide");
        assertThatThrownBy(() -> call(test, "divide", ForeignValue.of(1L), ForeignValue.of(0L), ForeignValue.of(0L), ForeignValue.of(0L)))
            .isInstanceOf(ForeignException.class).hasMessageContaining("Numerical argument out of domain (errno 33)");
        GuestModule libc = load("libc.so.6", "signature", "int open(const char* path, int flags)", "errno", "true");
        assertThatThrownBy(() -> call(libc, "open", ForeignValue.of("/no/such/file"), ForeignValue.of(0L)))
            .hasMessageContaining("No such file or directory (errno 2)");
    }

    @Test
    void qsortWithAJavaComparator() {
        GuestModule libc = load("libc.so.6", "signature", "void qsort(int* base, size_t n, size_t size, int (*compare)(const int*, const int*))");
        CCallback compare = CCallback.of("int compare(const int* a, const int* b)",
            args -> ForeignValue.of((long) Long.compare(integer(args.get(0)), integer(args.get(1)))));
        ForeignValue sorted = call(libc, "qsort", ForeignValue.list(ForeignValue.of(5L), ForeignValue.of(-1L), ForeignValue.of(3L)),
            ForeignValue.of(3L), ForeignValue.of(4L), ForeignValue.handle(compare));
        assertThat(out(sorted, "base")).isEqualTo(ForeignValue.list(ForeignValue.of(-1L), ForeignValue.of(3L), ForeignValue.of(5L)));
    }

    @Test
    void aCallbackThatThrowsFailsTheCallAfterCReturns() {
        GuestModule test = load("libggentest.so", "signature", "int apply_twice(int (*f)(int), int x)");
        assertThat(call(test, "apply_twice", ForeignValue.handle(CCallback.of("int f(int)", a -> ForeignValue.of(integer(a.get(0)) * 3))), ForeignValue.of(2L)))
            .isEqualTo(ForeignValue.of(18L));
        assertThatThrownBy(() -> call(test, "apply_twice", ForeignValue.handle(CCallback.of("int f(int)", a -> { throw new IllegalStateException("boom"); })), ForeignValue.of(2L)))
            .isInstanceOf(ForeignException.class).hasMessageContaining("the callback passed to C failed: boom");
        assertThatThrownBy(() -> call(test, "apply_twice", ForeignValue.handle(CCallback.of("long f(long)", a -> a.get(0))), ForeignValue.of(2L)))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("must be a callback int32_t (*)(int32_t arg0)");
    }

    /** Regression: an Error thrown by a callback crossed C, which stops the JVM. */
    @Test
    void aCallbackThatThrowsAnErrorFailsTheCallAndTheJvmGoesOn() {
        GuestModule test = load("libggentest.so", "signature", "int apply_twice(int (*f)(int), int x)");
        assertThatThrownBy(() -> call(test, "apply_twice", ForeignValue.handle(CCallback.of("int f(int)", a -> {
            throw new AssertionError("an error, not an exception");
        })), ForeignValue.of(2L))).isInstanceOf(ForeignException.class).hasMessageContaining("an error, not an exception");
        assertThat(call(test, "apply_twice", ForeignValue.handle(CCallback.of("int f(int)", a -> ForeignValue.of(integer(a.get(0)) + 1))),
            ForeignValue.of(2L))).isEqualTo(ForeignValue.of(4L));
    }

    /** Regression: a callback returning a pointer as the number it received crashed the stub. */
    @Test
    void aCallbackReturnsAPointer() {
        GuestModule test = load("libggentest.so", "signature", "int same_pointer(void* (*f)(void* p), void* p)");
        NativeBlock block = memory.allocate(8);
        assertThat(call(test, "same_pointer", ForeignValue.handle(CCallback.of("void* f(void* p)", a -> a.get(0))), ForeignValue.handle(block)))
            .isEqualTo(ForeignValue.of(1L));
        assertThat(call(test, "same_pointer", ForeignValue.handle(CCallback.of("void* f(void* p)", a -> ForeignValue.NULL)), ForeignValue.handle(block)))
            .isEqualTo(ForeignValue.of(0L));
        block.release();
    }

    @Test
    void returnedPointersAreHandlesFreedOnceByTheNamedFunction() {
        GuestModule test = load("libggentest.so", "signature.counter_new", "void* counter_new(void)", "free.counter_new", "ggentest_free",
            "signature.counter_next", "long counter_next(void* counter)", "signature.ggentest_live", "long ggentest_live(void)",
            "signature.duplicate", "char* duplicate(const char* s)", "free", "ggentest_free");
        ForeignValue.HandleValue counter = (ForeignValue.HandleValue) call(test, "counter_new");
        assertThat(counter.handle()).isInstanceOf(NativeBlock.class);
        assertThat(call(test, "counter_next", counter)).isEqualTo(ForeignValue.of(1L));
        assertThat(call(test, "counter_next", counter)).isEqualTo(ForeignValue.of(2L));
        assertThat(call(test, "duplicate", ForeignValue.of("copy me"))).isEqualTo(ForeignValue.of("copy me"));
        assertThat(call(test, "ggentest_live")).isEqualTo(ForeignValue.of(1L));
        counter.handle().release();
        counter.handle().release();
        assertThat(call(test, "ggentest_live")).as("freed once").isEqualTo(ForeignValue.of(0L));
        assertThat(memory.live()).isZero();
    }

    @Test
    void aReturnedPointerWithoutAFreeFunctionIsAPlainHandle() {
        GuestModule test = load("libggentest.so", "signature.counter_new", "void* counter_new(void)",
            "signature.counter_next", "long counter_next(void* counter)", "signature.ggentest_free", "void ggentest_free(void* p)");
        ForeignValue counter = call(test, "counter_new");
        assertThat(((ForeignValue.HandleValue) counter).handle()).isInstanceOf(CPointer.class);
        assertThat(call(test, "counter_next", counter)).isEqualTo(ForeignValue.of(1L));
        assertThat(memory.live()).as("not adopted").isZero();
        call(test, "ggentest_free", counter);
    }

    @Test
    void memoryACalleeKeepsLivesUntilTheModuleCloses() {
        GuestModule libc = load("libc.so.6", "signature.putenv", "int putenv(char* string)", "keep.putenv", "string",
            "signature.getenv", "const char* getenv(const char* name)", "signature.unsetenv", "int unsetenv(const char* name)");
        ForeignValue put = call(libc, "putenv", ForeignValue.of("GGEN_KEPT=yes"));
        assertThat(out(put, "return")).isEqualTo(ForeignValue.of(0L));
        for (int i = 0; i < 100; i++) {   // calls whose arenas would reuse the string's memory had it been the call's
            call(libc, "getenv", ForeignValue.of("X".repeat(64)));
        }
        assertThat(call(libc, "getenv", ForeignValue.of("GGEN_KEPT"))).isEqualTo(ForeignValue.of("yes"));
        if (keptMemoryIsTheMemoryManagers()) {
            assertThat(memory.live()).as("the kept string, from the memory manager").isEqualTo(1);
        }
        call(libc, "unsetenv", ForeignValue.of("GGEN_KEPT"));
        libc.close();
        assertThat(memory.live()).as("released with its module").isZero();
        assertThatThrownBy(() -> load("libc.so.6", "signature", "int putenv(char* string)", "keep.putenv", "strng").function("putenv"))
            .isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("keep.putenv names 'strng', which is not a pointer parameter of int32_t putenv(char* string)");
    }

    @Test
    void stringsAreCheckedBothWays() {
        GuestModule libc = load("libc.so.6", "signature", "size_t strlen(const char* s)");
        assertThatThrownBy(() -> call(libc, "strlen", ForeignValue.of("a\0b")))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("contains a NUL character at index 1");
        GuestModule test = load("libggentest.so", "signature", "const char* invalid_utf8(void)");
        assertThat(call(test, "invalid_utf8")).isEqualTo(ForeignValue.of("ok\uFFFD\uFFFD"));
        GuestModule strict = load("libggentest.so", "signature", "const char* invalid_utf8(void)", "invalid-utf8", "report");
        assertThatThrownBy(() -> call(strict, "invalid_utf8")).isInstanceOf(ForeignException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void badInputGivesClearErrorsBeforeAnyNativeCall() {
        assertThatThrownBy(() -> load("libc.so.6", "signature", "size_t strlen(const char* s"))
            .isInstanceOf(ForeignArgumentException.class).hasMessageContaining("cannot read the C signature");
        checkAFailedLoadHoldsNothing();
        GuestModule libc = load("libc.so.6", "signature", "int abs(int)");
        assertThatThrownBy(() -> call(libc, "abs", ForeignValue.of(1L), ForeignValue.of(2L)))
            .hasMessageContaining("abs takes 1 argument");
        assertThatThrownBy(() -> call(libc, "abs", ForeignValue.of("x"))).hasMessageContaining("cannot take string");
        assertThatThrownBy(() -> call(libc, "abs", ForeignValue.of(1L << 40))).hasMessageContaining("does not fit in int32_t");
        assertThatThrownBy(() -> libc.function("no_such_symbol")).isInstanceOf(NoSuchFunctionException.class)
            .hasMessageContaining("no function 'no_such_symbol' in libc.so.6");
        assertThatThrownBy(() -> load("libnothere.so")).isInstanceOf(ForeignException.class)
            .hasMessageContaining("cannot load the library 'libnothere.so'").hasMessageContaining("search path");
        assertThatThrownBy(() -> load("nothere")).isInstanceOf(ForeignException.class).hasMessageContaining("cannot find the library 'nothere'");
        assertThatThrownBy(() -> bridge.load(ModuleSpec.code("c", "int main() {}"))).hasMessageContaining("does not compile C");
    }

    @Test
    void unsignedSixtyFourBitValuesBeyondLong() {
        GuestModule libc = load("libc.so.6", "signature", "unsigned long strtoul(const char* s, void* end, int base)");
        assertThat(call(libc, "strtoul", ForeignValue.of("18446744073709551615"), ForeignValue.NULL, ForeignValue.of(10L)))
            .isEqualTo(ForeignValue.of(new BigInteger("18446744073709551615")));
    }

    @Test
    void fourThreadsCallConcurrently() throws Exception {
        GuestModule analyzer = load("libanalyzer.so", "free", "free_c_string");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String source = "f" + thread + "_" + i + "() {}\n".repeat(i % 3 + 1);
                        ForeignValue result = call(analyzer, "analyze_code", ForeignValue.of(source));
                        assertThat(((ForeignValue.StringValue) result).value()).contains(source.length() + " characters");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(call(load("libanalyzer.so", "signature", "long analyzer_live_strings(void)"), "analyzer_live_strings"))
            .isEqualTo(ForeignValue.of(0L));
    }

    @Test
    void aClosedModuleAndAStoppedBridgeRefuseCalls() {
        GuestModule libc = load("libc.so.6", "signature", "int abs(int)");
        var abs = libc.function("abs");
        libc.close();
        assertThatThrownBy(() -> abs.call(List.of(ForeignValue.of(1L)), TestCallContext.plain()))
            .isInstanceOf(BridgeUnavailableException.class);
        var labs = load("libc.so.6", "signature", "long labs(long)").function("labs");
        stop(bridge);
        assertThatThrownBy(() -> labs.call(List.of(ForeignValue.of(1L)), TestCallContext.plain()))
            .isInstanceOf(BridgeUnavailableException.class);
    }
}

package io.ggen.ffi.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CBinder;
import io.ggen.ffi.c.CFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * libc's {@code int abs(int)} and {@code size_t strlen(const char*)}, five ways, in one run: a raw
 * Panama downcall {@code MethodHandle}; the Panama bridge's typed binding ({@link CBinder}); a dynamic
 * call by signature through the platform ({@code ForeignFunction.invoke}, with the runtime's pipeline
 * and metrics); raw JNA direct mapping ({@code Native.register}); and the JNA bridge through the
 * platform. {@code abs} is also called on the Panama bridge's own function, without the runtime
 * ({@code absFfmBridgeAlone}), to tell the bridge's share of a dynamic call from the runtime's. Strings are UTF-8 copied into native memory per call on every path, as C needs them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CCallBenchmark {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ABS = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("abs"),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRLEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strlen"),
        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

    /** The typed binding's interface. */
    public interface LibC {
        int abs(int value);

        @CFunction(signature = "size_t strlen(const char* s)")
        long strlen(String s);
    }

    /** JNA direct mapping: native methods JNA registers against libc. */
    public static final class JnaLibC {
        static {
            Native.register(NativeLibrary.getInstance("c"));
        }

        public static native int abs(int value);

        public static native long strlen(String s);
    }

    int value = -42;
    String text = "int main(int argc, char **argv) { return 0; }";

    private EmbeddedPlatform platform;
    private LibC typed;
    private ForeignModule panama;
    private ForeignModule jna;
    private ForeignFunction panamaAbs;
    private ForeignFunction panamaStrlen;
    private ForeignFunction jnaAbs;
    private ForeignFunction jnaStrlen;
    private GuestModule panamaAlone;
    private GuestFunction panamaAloneAbs;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot();
        ForeignRuntime runtime = platform.runtime("c");
        for (int i = 0; i < 600 && runtime.bridges().stream().noneMatch(b -> b.name().equals("jna")); i++) {
            Thread.sleep(50);
        }
        typed = platform.service(CBinder.class).bind(MethodHandles.lookup(), LibC.class, "libc.so.6");
        ModuleSpec libc = ModuleSpec.named("c", "libc.so.6")
            .withOption("signature.abs", "int abs(int value)")
            .withOption("signature.strlen", "size_t strlen(const char* s)");
        panama = runtime.load(libc.withBridge("panama"));
        jna = runtime.load(libc.withBridge("jna"));
        panamaAbs = panama.function("abs");
        panamaStrlen = panama.function("strlen");
        jnaAbs = jna.function("abs");
        jnaStrlen = jna.function("strlen");
        panamaAlone = platform.service(ForeignBridge.class, "(" + ForeignBridge.NAME + "=panama)").load(libc);
        panamaAloneAbs = panamaAlone.function("abs");
        if (JnaLibC.abs(-1) != 1 || typed.abs(-1) != 1) {
            throw new IllegalStateException("abs(-1) is not 1");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        panama.close();
        panamaAlone.close();
        jna.close();
        platform.close();
    }

    @Benchmark
    public int absRawFfm() throws Throwable {
        return (int) ABS.invokeExact(value);
    }

    @Benchmark
    public int absFfmTypedBinding() {
        return typed.abs(value);
    }

    @Benchmark
    public ForeignValue absFfmBridgeDynamic() {
        return panamaAbs.invoke(List.of(ForeignValue.of(value)), CallOptions.DEFAULT);
    }

    @Benchmark
    public ForeignValue absFfmBridgeAlone() {
        return panamaAloneAbs.call(List.of(ForeignValue.of(value)), Uncancellable.CONTEXT);
    }

    @Benchmark
    public int absRawJna() {
        return JnaLibC.abs(value);
    }

    @Benchmark
    public ForeignValue absJnaBridge() {
        return jnaAbs.invoke(List.of(ForeignValue.of(value)), CallOptions.DEFAULT);
    }

    @Benchmark
    public long strlenRawFfm() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (long) STRLEN.invokeExact(arena.allocateFrom(text));
        }
    }

    @Benchmark
    public long strlenFfmTypedBinding() {
        return typed.strlen(text);
    }

    @Benchmark
    public ForeignValue strlenFfmBridgeDynamic() {
        return panamaStrlen.invoke(List.of(ForeignValue.of(text)), CallOptions.DEFAULT);
    }

    @Benchmark
    public long strlenRawJna() {
        return JnaLibC.strlen(text);
    }

    @Benchmark
    public ForeignValue strlenJnaBridge() {
        return jnaStrlen.invoke(List.of(ForeignValue.of(text)), CallOptions.DEFAULT);
    }
}

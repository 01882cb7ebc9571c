package io.ggen.ffi.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.io.InputStream;
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
 * WebAssembly {@code add(i32, i32)} (src/main/wasm/add.wat, assembled by the build) four ways in one
 * run: a raw Chicory call ({@code ExportFunction.apply}) on Chicory's interpreter and on its
 * compiler to JVM bytecode, and the same module through the platform's wasm bridge with the module
 * option {@code execution=interpreter} and {@code execution=compiler}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WasmCallBenchmark {

    long a = 40;
    long b = 2;

    private EmbeddedPlatform platform;
    private ExportFunction rawInterpreter;
    private ExportFunction rawCompiler;
    private ForeignModule interpreted;
    private ForeignModule compiled;
    private ForeignFunction platformInterpreter;
    private ForeignFunction platformCompiler;

    /** The module's bytes, from the class path. */
    static byte[] addModule() throws IOException {
        try (InputStream in = WasmCallBenchmark.class.getResourceAsStream("/add.wasm")) {
            if (in == null) {
                throw new IllegalStateException("add.wasm is not on the class path: install wabt"
                    + " (wat2wasm) and build the benchmarks module again");
            }
            return in.readAllBytes();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] bytes = addModule();
        WasmModule module = Parser.parse(bytes);
        rawInterpreter = Instance.builder(module).build().export("add");
        rawCompiler = Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module)).build().export("add");
        platform = EmbeddedPlatform.boot();
        ForeignRuntime runtime = platform.runtime("wasm");
        interpreted = runtime.load(ModuleSpec.bytes("wasm", bytes).withOption("execution", "interpreter"));
        compiled = runtime.load(ModuleSpec.bytes("wasm", bytes).withOption("execution", "compiler"));
        platformInterpreter = interpreted.function("add");
        platformCompiler = compiled.function("add");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        interpreted.close();
        compiled.close();
        platform.close();
    }

    @Benchmark
    public long addRawInterpreter() {
        return rawInterpreter.apply(a, b)[0];
    }

    @Benchmark
    public long addRawCompiler() {
        return rawCompiler.apply(a, b)[0];
    }

    @Benchmark
    public ForeignValue addPlatformInterpreter() {
        return platformInterpreter.invoke(List.of(ForeignValue.of(a), ForeignValue.of(b)), CallOptions.DEFAULT);
    }

    @Benchmark
    public ForeignValue addPlatformCompiler() {
        return platformCompiler.invoke(List.of(ForeignValue.of(a), ForeignValue.of(b)), CallOptions.DEFAULT);
    }
}

package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
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
 * A JavaScript call through the platform (facade, metrics interceptor, context pool, value
 * conversion) against a raw {@code Value.execute} on a plain GraalJS context, in the same JVM and
 * the same run. Two workloads: {@code add(a, b)} on integers, and the length of a string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JavaScriptCallBenchmark {

    static final String CODE = "function add(a, b) { return a + b; }\nfunction len(s) { return s.length; }";

    long a = 17;
    long b = 25;
    String text = "int main() { return 0; }";

    private EmbeddedPlatform platform;
    private ForeignModule module;
    private ForeignFunction add;
    private ForeignFunction len;

    private Engine engine;
    private Context context;
    private Value rawAdd;
    private Value rawLen;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot(Path.of(System.getProperty("ggen.home", "distribution/ggen-ffi/target/ggen-ffi")));
        module = platform.runtime("javascript").load(ModuleSpec.code("javascript", CODE));
        add = module.function("add");
        len = module.function("len");

        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        context = Context.newBuilder("js").engine(engine).build();
        context.eval("js", CODE);
        rawAdd = context.getBindings("js").getMember("add");
        rawLen = context.getBindings("js").getMember("len");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        module.close();
        platform.close();
        context.close();
        engine.close();
    }

    @Benchmark
    public long rawAdd() {
        return rawAdd.execute(a, b).asLong();
    }

    @Benchmark
    public ForeignValue platformAdd() {
        return add.invoke(List.of(ForeignValue.of(a), ForeignValue.of(b)), CallOptions.DEFAULT);
    }

    @Benchmark
    public Object platformAddJava() {
        return add.call(a, b);
    }

    @Benchmark
    public long rawLength() {
        return rawLen.execute(text).asLong();
    }

    @Benchmark
    public ForeignValue platformLength() {
        return len.invoke(List.of(ForeignValue.of(text)), CallOptions.DEFAULT);
    }
}

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
 * A Python call through the platform (facade, metrics interceptor, context pool, value conversion)
 * against a raw {@code Value.execute} on a plain GraalPy context, in the same JVM and the same run.
 * Workloads: {@code add(a, b)} on integers and the length of a string (almost no work: the
 * platform's own cost shows), and {@code analyze(src)}, a small code-analysis function (split a
 * line of C into words with {@code re}, count them) like the ones the platform exists to call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PythonCallBenchmark {

    static final String CODE = """
        import re
        _words = re.compile('[A-Za-z_]+')
        def add(a, b):
            return a + b
        def length(s):
            return len(s)
        def analyze(src):
            words = _words.findall(src)
            return len(words) * 1000 + len(set(words))
        """;

    long a = 17;
    long b = 25;
    String text = "int main() { return 0; }";
    String source = "int main(int argc, char **argv) { int total = 0; for (int i = 0; i < argc; i++) { total += i; } return total; }";

    private EmbeddedPlatform platform;
    private ForeignModule module;
    private ForeignFunction add;
    private ForeignFunction len;
    private ForeignFunction analyze;

    private Engine engine;
    private Context context;
    private Value rawAdd;
    private Value rawLen;
    private Value rawAnalyze;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot(Path.of(System.getProperty("ggen.home", "distribution/ggen-ffi/target/ggen-ffi")));
        module = platform.runtime("python").load(ModuleSpec.code("python", CODE));
        add = module.function("add");
        len = module.function("length");
        analyze = module.function("analyze");

        engine = Engine.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build();
        context = Context.newBuilder("python").engine(engine).build();
        context.eval("python", CODE);
        Value bindings = context.getBindings("python");
        rawAdd = bindings.getMember("add");
        rawLen = bindings.getMember("length");
        rawAnalyze = bindings.getMember("analyze");
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
    public long rawLength() {
        return rawLen.execute(text).asLong();
    }

    @Benchmark
    public ForeignValue platformLength() {
        return len.invoke(List.of(ForeignValue.of(text)), CallOptions.DEFAULT);
    }

    @Benchmark
    public long rawAnalyze() {
        return rawAnalyze.execute(source).asLong();
    }

    @Benchmark
    public ForeignValue platformAnalyze() {
        return analyze.invoke(List.of(ForeignValue.of(source)), CallOptions.DEFAULT);
    }
}

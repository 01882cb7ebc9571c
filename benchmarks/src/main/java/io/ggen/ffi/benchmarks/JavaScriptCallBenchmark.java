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
 * the same run. Workloads: {@code add(a, b)} on integers and the length of a string (almost no
 * work: the platform's own cost shows), and {@code analyze(src)}, a small code-analysis function
 * (split a line of C into words, count them) like the ones the platform exists to call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JavaScriptCallBenchmark {

    static final String CODE = """
        function add(a, b) { return a + b; }
        function len(s) { return s.length; }
        function transform(o) {
          let total = 0;
          for (const n of o.items) { total += n; }
          return { name: o.name.toUpperCase(), total: total };
        }
        function analyze(src) {
          const words = src.split(/[^A-Za-z_]+/).filter(w => w.length > 0);
          return words.length * 1000 + new Set(words).size;
        }
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
    private ForeignFunction transform;
    private final ForeignValue order = ForeignValue.map(java.util.Map.of(
        ForeignValue.of("name"), ForeignValue.of("ada"),
        ForeignValue.of("items"), ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2), ForeignValue.of(3))));

    private Engine engine;
    private Context context;
    private Value rawAdd;
    private Value rawLen;
    private Value rawAnalyze;
    private Value rawTransform;
    private final Object rawOrder = org.graalvm.polyglot.proxy.ProxyObject.fromMap(java.util.Map.of(
        "name", "ada", "items", org.graalvm.polyglot.proxy.ProxyArray.fromArray(1, 2, 3)));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot(Path.of(System.getProperty("ggen.home", "distribution/ggen-ffi/target/ggen-ffi")));
        module = platform.runtime("javascript").load(ModuleSpec.code("javascript", CODE));
        add = module.function("add");
        len = module.function("len");
        analyze = module.function("analyze");
        transform = module.function("transform");

        engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        context = Context.newBuilder("js").engine(engine).build();
        context.eval("js", CODE);
        rawAdd = context.getBindings("js").getMember("add");
        rawLen = context.getBindings("js").getMember("len");
        rawAnalyze = context.getBindings("js").getMember("analyze");
        rawTransform = context.getBindings("js").getMember("transform");
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

    @Benchmark
    public long rawAnalyze() {
        return rawAnalyze.execute(source).asLong();
    }

    @Benchmark
    public ForeignValue platformAnalyze() {
        return analyze.invoke(List.of(ForeignValue.of(source)), CallOptions.DEFAULT);
    }

    /** Raw: the map crosses as a proxy, the result object is read back member by member, as the bridge does. */
    @Benchmark
    public long rawTransform() {
        Value result = rawTransform.execute(rawOrder);
        return result.getMember("name").asString().length() + result.getMember("total").asLong();
    }

    @Benchmark
    public ForeignValue platformTransform() {
        return transform.invoke(List.of(order), CallOptions.DEFAULT);
    }
}

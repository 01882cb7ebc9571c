package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ModuleSpec;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code add(a, b)} in JavaScript and Python three ways, in the same run: a raw {@code Value.execute}
 * on a plain context, the dynamic {@code ForeignFunction.call(Object...)}, and a typed binding
 * ({@code ForeignModule.bind}) whose {@code long add(long, long)} converts the same way. The typed
 * binding should cost no more than the dynamic call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TypedBindingBenchmark {

    /** What the typed binding implements. */
    public interface Adder {
        long add(long a, long b);
    }

    private static final Map<String, String> CODE = Map.of(
        "javascript", "function add(a, b) { return a + b; }",
        "python", "def add(a, b):\n    return a + b\n");
    private static final Map<String, String> GRAAL_ID = Map.of("javascript", "js", "python", "python");

    @Param({"javascript", "python"})
    public String language;

    long a = 17;
    long b = 25;

    private EmbeddedPlatform platform;
    private ForeignModule module;
    private ForeignFunction add;
    private Adder adder;
    private Engine engine;
    private Context context;
    private Value rawAdd;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot();
        module = platform.runtime(language).load(ModuleSpec.code(language, CODE.get(language)));
        add = module.function("add");
        adder = module.bind(Adder.class);

        String id = GRAAL_ID.get(language);
        engine = Engine.newBuilder(id).option("engine.WarnInterpreterOnly", "false").build();
        context = Context.newBuilder(id).engine(engine).build();
        context.eval(id, CODE.get(language));
        rawAdd = context.getBindings(id).getMember("add");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        module.close();
        platform.close();
        context.close();
        engine.close();
    }

    @Benchmark
    public long raw() {
        return rawAdd.execute(a, b).asLong();
    }

    @Benchmark
    public Object dynamic() {
        return add.call(a, b);
    }

    @Benchmark
    public long typed() {
        return adder.add(a, b);
    }
}

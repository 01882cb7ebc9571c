package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link GuestCallBenchmark} in JavaScript (GraalJS), plus {@code transform(o)}: a map in, a map out
 * (the raw side passes a proxy and reads the result back member by member, as the bridge does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JavaScriptCallBenchmark extends GuestCallBenchmark {

    static final String CODE = """
        function add(a, b) { return a + b; }
        function length(s) { return s.length; }
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

    private final ForeignValue order = ForeignValue.map(Map.of(
        ForeignValue.of("name"), ForeignValue.of("ada"),
        ForeignValue.of("items"), ForeignValue.list(ForeignValue.of(1), ForeignValue.of(2), ForeignValue.of(3))));
    private final Object rawOrder = ProxyObject.fromMap(Map.of("name", "ada", "items", ProxyArray.fromArray(1, 2, 3)));
    private ForeignFunction transform;
    private Value rawTransform;

    public JavaScriptCallBenchmark() {
        super("javascript", "js", CODE);
    }

    @Override
    protected void bind(ForeignModule module, Value bindings) {
        transform = module.function("transform");
        rawTransform = bindings.getMember("transform");
    }

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

package io.ggen.ffi.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link GuestCallBenchmark} in Python (GraalPy); {@code analyze} splits with {@code re}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PythonCallBenchmark extends GuestCallBenchmark {

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

    public PythonCallBenchmark() {
        super("python", "python", CODE);
    }
}

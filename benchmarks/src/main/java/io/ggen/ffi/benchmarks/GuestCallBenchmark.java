package io.ggen.ffi.benchmarks;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.ForeignBridge;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A GraalVM language called through the platform (facade, metrics observer, context pool, value
 * conversion) against a raw {@code Value.execute} on a plain context, in the same JVM and the same
 * run. The guest code defines {@code add(a, b)} and {@code length(s)} (almost no work: the
 * platform's own cost shows) and {@code analyze(src)}, a small code-analysis function (split a line
 * of C into words, count them) like the ones the platform exists to call. Subclasses give the
 * language and its code; JMH runs the benchmarks below once per subclass. {@code add} is also
 * called the two other ways a caller can: {@code ForeignFunction.call(Object...)} with Java values,
 * and a typed binding ({@code ForeignModule.bind}) whose {@code long add(long, long)} converts the
 * same way. {@code rawAddShared} is the raw call as a program that embeds the language for more than
 * one function gets it: its context shares an engine with another (as the platform's contexts share
 * their bridge's engine), and the module's other functions have been called too.
 */
public abstract class GuestCallBenchmark {

    /** What the typed binding implements. */
    public interface Adder {
        long add(long a, long b);
    }

    long a = 17;
    long b = 25;
    String text = "int main() { return 0; }";
    String source = "int main(int argc, char **argv) { int total = 0; for (int i = 0; i < argc; i++) { total += i; } return total; }";

    private final String language;
    private final String languageId;
    private final String code;
    private EmbeddedPlatform platform;
    private ForeignModule module;
    private ForeignFunction add;
    private Adder adder;
    private ForeignFunction length;
    private ForeignFunction analyze;
    private Engine engine;
    private Context context;
    private Value rawAdd;
    private Value rawLength;
    private Value rawAnalyze;
    private Engine sharedEngine;
    private Context shared;
    private Context sharedOther;
    private Value sharedAdd;
    private GuestModule alone;
    private GuestFunction aloneAdd;

    /**
     * @param language the platform's language, e.g. {@code javascript}
     * @param languageId GraalVM's id of it, e.g. {@code js}
     */
    protected GuestCallBenchmark(String language, String languageId, String code) {
        this.language = language;
        this.languageId = languageId;
        this.code = code;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        platform = EmbeddedPlatform.boot();
        module = platform.runtime(language).load(ModuleSpec.code(language, code));
        add = module.function("add");
        adder = module.bind(Adder.class);
        length = module.function("length");
        analyze = module.function("analyze");

        engine = newEngine();
        context = Context.newBuilder(languageId).engine(engine).build();
        context.eval(languageId, code);
        Value bindings = context.getBindings(languageId);
        rawAdd = bindings.getMember("add");
        rawLength = bindings.getMember("length");
        rawAnalyze = bindings.getMember("analyze");
        bind(module, bindings);
        alone = platform.service(ForeignBridge.class, "(" + ForeignBridge.LANGUAGE + "=" + language + ")")
            .load(ModuleSpec.code(language, code));
        aloneAdd = alone.function("add");

        sharedEngine = newEngine();
        shared = Context.newBuilder(languageId).engine(sharedEngine).build();
        sharedOther = Context.newBuilder(languageId).engine(sharedEngine).build();
        sharedOther.eval(languageId, code);
        shared.eval(languageId, code);
        Value sharedBindings = shared.getBindings(languageId);
        sharedAdd = sharedBindings.getMember("add");
        for (int i = 0; i < 1000; i++) {
            sharedBindings.getMember("length").execute(text);
            sharedBindings.getMember("analyze").execute(source);
        }
    }

    /** An engine of the language for the raw calls (without the warning when the compiler is missing). */
    private Engine newEngine() {
        return Engine.newBuilder(languageId).option("engine.WarnInterpreterOnly", "false").build();
    }

    /** Binds what a subclass benchmarks beyond the common three, through the platform and raw. */
    protected void bind(ForeignModule module, Value bindings) {
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        module.close();
        alone.close();
        platform.close();
        context.close();
        engine.close();
        shared.close();
        sharedOther.close();
        sharedEngine.close();
    }

    @Benchmark
    public long rawAdd() {
        return rawAdd.execute(a, b).asLong();
    }

    /** {@link #rawAdd} on a context that shares its engine, after the module's other functions ran. */
    @Benchmark
    public long rawAddShared() {
        return sharedAdd.execute(a, b).asLong();
    }

    /** {@link #platformAdd} without the runtime: the bridge's function called as the runtime calls it. */
    @Benchmark
    public ForeignValue bridgeAloneAdd() {
        return aloneAdd.call(List.of(ForeignValue.of(a), ForeignValue.of(b)), Uncancellable.CONTEXT);
    }

    @Benchmark
    public ForeignValue platformAdd() {
        return add.invoke(List.of(ForeignValue.of(a), ForeignValue.of(b)), CallOptions.DEFAULT);
    }

    @Benchmark
    public long rawLength() {
        return rawLength.execute(text).asLong();
    }

    @Benchmark
    public ForeignValue platformLength() {
        return length.invoke(List.of(ForeignValue.of(text)), CallOptions.DEFAULT);
    }

    @Benchmark
    public long rawAnalyze() {
        return rawAnalyze.execute(source).asLong();
    }

    @Benchmark
    public ForeignValue platformAnalyze() {
        return analyze.invoke(List.of(ForeignValue.of(source)), CallOptions.DEFAULT);
    }

    /** The Java-value form of {@link #platformAdd}: {@code ForeignFunction.call(Object...)}. */
    @Benchmark
    public Object platformAddJava() {
        return add.call(a, b);
    }

    /** {@link #platformAddJava} through a typed binding. */
    @Benchmark
    public long platformAddTyped() {
        return adder.add(a, b);
    }
}

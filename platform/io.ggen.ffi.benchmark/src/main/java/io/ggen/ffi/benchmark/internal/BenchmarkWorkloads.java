package io.ggen.ffi.benchmark.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The workloads of {@code ggen benchmark-ffi}: the same three small functions in every language,
 * each also written in Java. A language has guest code, or a library, with functions named
 * {@code add}, {@code length} and {@code transform} (those it can take); a language without any is
 * skipped. Add a language by adding its {@link Guest} here.
 */
final class BenchmarkWorkloads {

    /**
     * One workload: a guest function, the arguments it is called with (a few, cycled, so that no
     * side can fold a constant), and the same work in Java.
     *
     * @param id the function name in every language
     * @param description what it does, for people
     * @param inputs argument lists as neutral values (what the bridge gets)
     * @param javaInputs the same arguments as Java values (what the Java version gets)
     * @param java the Java version, on {@code javaInputs.get(i)}
     */
    record Workload(String id, String description, List<List<ForeignValue>> inputs, List<Object[]> javaInputs,
                    Function<Object[], Object> java) {

        /** The result the guest must return for input {@code i}, as a neutral value. */
        ForeignValue expected(int i) {
            return toForeign(java.apply(javaInputs.get(i)));
        }
    }

    /**
     * Where one language's workload functions come from.
     *
     * @param module what is loaded: guest code, a library, a worker program
     * @param lacks the workloads the language cannot take, each with why
     * @param program a program that must be on the {@code PATH} (a worker's interpreter) or, as a
     *     path, a file that must be there (a compiled worker), if any
     */
    record Guest(ModuleSpec module, Map<String, String> lacks, Optional<String> program) {

        Guest(ModuleSpec module, Map<String, String> lacks) {
            this(module, lacks, Optional.empty());
        }

        /** The reason this language cannot run here, if its program is missing. */
        Optional<String> missing() {
            return program.filter(p -> !runnable(p)).map(p -> p.contains(File.separator)
                ? p + " is missing or not executable: the distribution was built without Go (or it did not build);"
                    + " install Go (golang-go) and build it again"
                : p + " is not on the PATH: install it to measure " + module.language() + " workers");
        }

        /** The workloads this language runs, in their order. */
        List<Workload> runs(List<Workload> workloads) {
            return workloads.stream().filter(w -> !lacks.containsKey(w.id())).toList();
        }
    }

    /** The C library with the workloads, built into the distribution's {@code lib/native} from {@code src/main/c}. */
    static final String C_LIBRARY = "libggen_benchmark.so";

    /** The worker programs with the workloads, on the distribution's SDK, in its {@code lib/workers}. */
    private static final Path WORKERS = Path.of(System.getProperty("ggen.home", ".")).toAbsolutePath().resolve("lib/workers");

    /** The Go worker's program, built into lib/workers when Go was installed where the distribution was built. */
    private static final String GO_WORKER = "ggen-benchmark-worker";

    /** The workload functions by language id, or RPC language alias. */
    static final Map<String, Guest> GUESTS = Map.of(
        "javascript", new Guest(ModuleSpec.code("javascript", """
            function add(a, b) { return a + b; }
            function length(s) { return s.length; }
            function transform(o) {
              let total = 0;
              for (const n of o.items) { total += n; }
              return { name: o.name.toUpperCase(), total: total };
            }
            """), Map.of()),
        "python", new Guest(ModuleSpec.code("python", """
            def add(a, b):
                return a + b

            def length(s):
                return len(s)

            def transform(o):
                return {"name": o["name"].upper(), "total": sum(o["items"])}
            """), Map.of()),
        // the inputs are ASCII, so strlen's bytes are Java's chars
        "c", new Guest(ModuleSpec.named("c", C_LIBRARY)
            .withOption("signature.add", "int64_t add(int64_t a, int64_t b)")
            .withOption("signature.length", "size_t length(const char* s)"),
            Map.of("transform", "C functions take no maps; the workload passes and returns {name, items}")),
        "cpython", new Guest(ModuleSpec.named("cpython", "python3 " + quoted(WORKERS.resolve("benchmark_worker.py"))),
            Map.of(), Optional.of("python3")),
        "node", new Guest(ModuleSpec.named("node", "node " + quoted(WORKERS.resolve("benchmark-worker.js"))),
            Map.of(), Optional.of("node")),
        "go", new Guest(ModuleSpec.named("go", quoted(WORKERS.resolve(GO_WORKER))), Map.of(),
            Optional.of(WORKERS.resolve(GO_WORKER).toString())));

    /** A path as one word of a worker's command line (split like a POSIX shell does). */
    static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private static final int INPUTS = 8;

    private BenchmarkWorkloads() {
    }

    /** Whether a program can run: a path is an executable file; a name is one in a folder of the {@code PATH}. */
    static boolean runnable(String program) {
        return program.contains(File.separator) ? Files.isExecutable(Path.of(program)) : onPath(program);
    }

    /** Whether an executable of this name is in a folder of the {@code PATH}. */
    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(folder -> !folder.isEmpty())
            .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    /** The workload functions of a language id, if it has them. */
    static Optional<Guest> guest(String language) {
        return Optional.ofNullable(GUESTS.get(language.toLowerCase(Locale.ROOT)));
    }

    /** The three workloads, in the order they run and print. */
    static List<Workload> all() {
        List<List<ForeignValue>> addIn = new ArrayList<>();
        List<Object[]> addJava = new ArrayList<>();
        List<List<ForeignValue>> lengthIn = new ArrayList<>();
        List<Object[]> lengthJava = new ArrayList<>();
        List<List<ForeignValue>> transformIn = new ArrayList<>();
        List<Object[]> transformJava = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            long a = 1000 + i;
            long b = 7 * i;
            addIn.add(List.of(ForeignValue.of(a), ForeignValue.of(b)));
            addJava.add(new Object[] {a, b});

            String text = "a string of some length, number " + i;
            lengthIn.add(List.of(ForeignValue.of(text)));
            lengthJava.add(new Object[] {text});

            String name = "item-" + i;
            List<Long> items = List.of(1L + i, 2L, 3L, 5L, 8L, 13L + i);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name", name);
            record.put("items", items);
            transformIn.add(List.of(toForeign(record)));
            transformJava.add(new Object[] {record});
        }
        return List.of(
            new Workload("add", "add two integers", addIn, addJava, args -> (Long) args[0] + (Long) args[1]),
            new Workload("length", "length of a string", lengthIn, lengthJava, args -> (long) ((String) args[0]).length()),
            new Workload("transform", "{name, items:[numbers]} -> {name upper-cased, total}", transformIn,
                transformJava, BenchmarkWorkloads::transform));
    }

    /** The Java version of {@code transform}. */
    @SuppressWarnings("unchecked")
    private static Object transform(Object[] args) {
        Map<String, Object> in = (Map<String, Object>) args[0];
        long total = 0;
        for (Long n : (List<Long>) in.get("items")) {
            total += n;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", ((String) in.get("name")).toUpperCase(Locale.ROOT));
        out.put("total", total);
        return out;
    }

    /** The neutral value of the Java values used here: Long, String, List, Map with string keys. */
    static ForeignValue toForeign(Object value) {
        return switch (value) {
            case Long l -> ForeignValue.of(l);
            case String s -> ForeignValue.of(s);
            case List<?> list -> ForeignValue.list(list.stream().map(BenchmarkWorkloads::toForeign).toList());
            case Map<?, ?> map -> {
                Map<ForeignValue, ForeignValue> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(ForeignValue.of((String) k), toForeign(v)));
                yield ForeignValue.map(entries);
            }
            default -> throw new IllegalArgumentException("not a workload value: " + value);
        };
    }

    /**
     * Whether a guest result is the expected one. Numbers compare by value: a language may return
     * {@code 6} as a float.
     */
    static boolean same(ForeignValue actual, ForeignValue expected) {
        if (actual instanceof ForeignValue.MapValue a && expected instanceof ForeignValue.MapValue e) {
            if (a.entries().size() != e.entries().size()) {
                return false;
            }
            for (Map.Entry<ForeignValue, ForeignValue> entry : e.entries().entrySet()) {
                ForeignValue other = a.entries().get(entry.getKey());
                if (other == null || !same(other, entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (actual instanceof ForeignValue.ListValue a && expected instanceof ForeignValue.ListValue e) {
            if (a.size() != e.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), e.get(i))) {
                    return false;
                }
            }
            return true;
        }
        Double x = number(actual);
        Double y = number(expected);
        return x != null && y != null ? x.doubleValue() == y.doubleValue() : actual.equals(expected);
    }

    private static Double number(ForeignValue value) {
        return switch (value) {
            case ForeignValue.IntValue i -> (double) i.value();
            case ForeignValue.FloatValue f -> f.value();
            default -> null;
        };
    }
}

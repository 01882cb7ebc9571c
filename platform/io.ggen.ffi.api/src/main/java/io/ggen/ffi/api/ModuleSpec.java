package io.ggen.ffi.api;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to load: a language, where the code comes from, and bridge-specific options. Immutable.
 *
 * <p>The source is one of: inline {@link #code(String, String) code}, a {@link #file(String, Path)
 * file}, a {@link #named(String, String) name} the bridge resolves (a Python module, a C
 * library, a worker command), or {@link #bytes(String, byte[]) bytes} (a WebAssembly binary). Options are strings whose keys each bridge documents, e.g. the
 * JavaScript bridge's {@code node-modules}.
 */
public final class ModuleSpec {

    /**
     * The module option that says where the module runs: {@value #IN_PROCESS} (in the platform's
     * JVM, the fastest) or {@value #PROCESS} (in an isolate: a supervised child JVM that a crash,
     * a runaway loop or a memory hog cannot take the platform down with). Without it, the
     * runtime's configured default for the language or bridge applies (in process unless an
     * operator chose otherwise).
     */
    public static final String ISOLATION = "isolation";
    /** {@value} for {@link #ISOLATION}: in the platform's own JVM. */
    public static final String IN_PROCESS = "none";
    /** {@value} for {@link #ISOLATION}: in an isolate, a child JVM of its own. */
    public static final String PROCESS = "process";

    /** Where a module's code comes from; {@code BYTES} since 1.1. */
    public enum SourceKind { CODE, FILE, NAME, BYTES }

    private final String language;
    private final SourceKind kind;
    private final String source;
    private final String bridgeName;
    private final Map<String, String> options;

    private ModuleSpec(String language, SourceKind kind, String source, String bridgeName,
                       Map<String, String> options) {
        this.language = requireText(language, "language");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.bridgeName = bridgeName;
        this.options = options;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a module needs a " + what);
        }
        return value;
    }

    /** Code given as text, e.g. {@code function test() { return 'JS works'; }}. */
    public static ModuleSpec code(String language, String code) {
        return new ModuleSpec(language, SourceKind.CODE, code, null, Map.of());
    }

    /** Code read from a file; bridges that watch files reload it when it changes. */
    public static ModuleSpec file(String language, Path file) {
        return new ModuleSpec(language, SourceKind.FILE, file.toAbsolutePath().normalize().toString(), null, Map.of());
    }

    /** A module the bridge finds by name: a Python module, a C library, a worker. */
    public static ModuleSpec named(String language, String name) {
        return new ModuleSpec(language, SourceKind.NAME, requireText(name, "name"), null, Map.of());
    }

    /**
     * Code given as bytes, e.g. a WebAssembly binary. The spec keeps a copy; {@link #source()} gives
     * it in Base64, {@link #bytes()} as bytes.
     *
     * @since 1.1
     */
    public static ModuleSpec bytes(String language, byte[] bytes) {
        return new ModuleSpec(language, SourceKind.BYTES, Base64.getEncoder().encodeToString(bytes), null, Map.of());
    }

    /** Use the bridge with this {@code bridge.name} instead of the highest ranked one. */
    public ModuleSpec withBridge(String name) {
        return new ModuleSpec(language, kind, source, name, options);
    }

    /** This module in an isolate of its own ({@code isolation=process}); see {@link #ISOLATION}. */
    public ModuleSpec isolated() {
        return withOption(ISOLATION, PROCESS);
    }

    public ModuleSpec withOption(String key, String value) {
        Map<String, String> copy = new TreeMap<>(options);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ModuleSpec(language, kind, source, bridgeName, Map.copyOf(copy));
    }

    public String language() {
        return language;
    }

    public SourceKind kind() {
        return kind;
    }

    /** The code, the absolute file path, the name, or the bytes in Base64, depending on {@link #kind()}. */
    public String source() {
        return source;
    }

    /**
     * The bytes of a {@link SourceKind#BYTES} module, a new copy each time.
     *
     * @throws IllegalStateException the module is not given as bytes
     * @since 1.1
     */
    public byte[] bytes() {
        if (kind != SourceKind.BYTES) {
            throw new IllegalStateException("the module is given as " + kind.name().toLowerCase(Locale.ROOT)
                + ", not as bytes: " + describe());
        }
        return Base64.getDecoder().decode(source);
    }

    public Optional<String> bridgeName() {
        return Optional.ofNullable(bridgeName);
    }

    public Map<String, String> options() {
        return options;
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** A short description for messages: the file, the name, the first line of the code, or the size of the bytes. */
    public String describe() {
        if (kind == SourceKind.BYTES) {
            int padding = source.endsWith("==") ? 2 : source.endsWith("=") ? 1 : 0;
            return "<bytes: " + (source.length() / 4 * 3 - padding) + " bytes>";
        }
        if (kind != SourceKind.CODE) {
            return source;
        }
        String firstLine = source.strip().lines().findFirst().orElse("");
        return "<code: " + (firstLine.length() > 40 ? firstLine.substring(0, 40) + "..." : firstLine) + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModuleSpec m && language.equals(m.language) && kind == m.kind
            && source.equals(m.source) && Objects.equals(bridgeName, m.bridgeName) && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(language, kind, source, bridgeName, options);
    }

    @Override
    public String toString() {
        return "ModuleSpec[" + language + (bridgeName == null ? "" : "/" + bridgeName) + " " + describe()
            + (options.isEmpty() ? "" : " " + options) + "]";
    }
}

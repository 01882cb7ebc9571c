package io.ggen.ffi.tracing;

/**
 * The attributes of the spans the tracing bundle makes for a foreign call. The call's span has
 * all that apply; the bridge's span inside it has {@link #BRIDGE} and {@link #FUNCTION}. A load's
 * span has the language, bridge, module and isolation; a batch's span the call's and
 * {@link #BATCH_SIZE}, {@link #BATCH_KIND}.
 */
public final class TraceAttributes {

    /** The module's language, e.g. {@code javascript}. */
    public static final String LANGUAGE = "ffi.language";
    /** The bridge's {@code bridge.name}, e.g. {@code graaljs}. */
    public static final String BRIDGE = "ffi.bridge";
    /** The function called. */
    public static final String FUNCTION = "ffi.function";
    /** The module, as {@code ModuleSpec.describe()} gives it. */
    public static final String MODULE = "ffi.module";
    /** The module's {@code isolation} option ({@code process} or {@code none}) when it has one. */
    public static final String ISOLATION = "ffi.isolation";
    /** On calls declared pure ({@code cache.pure}): whether the cache answered without the bridge. */
    public static final String CACHE_HIT = "ffi.cache.hit";
    /** On calls that ask for micro-batching: their {@code batch.window.ms}. */
    public static final String BATCH_WINDOW_MS = "ffi.batch.window.ms";
    /** On a batch's span: how many calls the batch holds. */
    public static final String BATCH_SIZE = "ffi.batch.size";
    /**
     * On a batch's span: {@code explicit} for {@code ForeignFunction.invokeBatch} to a bridge that
     * batches natively, {@code micro} for concurrent calls gathered by micro-batching.
     */
    public static final String BATCH_KIND = "ffi.batch.kind";
    /** On failed calls: the exception's class (OpenTelemetry's {@code error.type}). */
    public static final String ERROR_TYPE = "error.type";
    /** On failed calls that failed in the foreign code: the foreign error's type, e.g. {@code TypeError}. */
    public static final String FOREIGN_ERROR_TYPE = "ffi.error.foreign_type";

    private TraceAttributes() {
    }
}

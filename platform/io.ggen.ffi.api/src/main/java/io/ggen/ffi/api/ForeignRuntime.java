package io.ggen.ffi.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The service callers use: load foreign code through whichever bridge serves its language, then
 * call its functions.
 *
 * <pre>{@code
 * try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", "function add(a, b) { return a + b; }"))) {
 *     Object sum = js.call("add", 1, 2);   // 3L
 * }
 * }</pre>
 */
@ProviderType
public interface ForeignRuntime {

    /** The bridges present now, highest ranked first within a language. */
    List<BridgeInfo> bridges();

    /**
     * Loads a module through the highest ranked bridge for its language, or the one it names.
     * Loading runs the module's top-level code, with no time limit: use
     * {@link #load(ModuleSpec, CallOptions)} for code you do not trust.
     *
     * @throws BridgeUnavailableException no bridge serves the language or name
     * @throws ForeignException the module does not load (a syntax error, a missing file, ...)
     */
    default ForeignModule load(ModuleSpec spec) {
        return load(spec, CallOptions.DEFAULT);
    }

    /**
     * Loads a module; the options' timeout limits how long its top-level code may run.
     *
     * @throws ForeignTimeoutException loading ran past the timeout; the bridge stopped it
     * @throws BridgeUnavailableException no bridge serves the language or name
     * @throws ForeignException the module does not load (a syntax error, a missing file, ...)
     */
    ForeignModule load(ModuleSpec spec, CallOptions options);
}

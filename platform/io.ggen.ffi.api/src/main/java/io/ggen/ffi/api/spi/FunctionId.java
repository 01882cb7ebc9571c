package io.ggen.ffi.api.spi;

/**
 * Names a function for interceptors and observers: a stable key for per-function state (metrics, caches). The
 * runtime creates one per bound function, so the same instance comes with every call to it.
 *
 * @param bridge the bridge's {@code bridge.name}
 * @param module the module, as {@link io.ggen.ffi.api.ModuleSpec#describe()} gives it
 * @param function the function name
 */
public record FunctionId(String bridge, String module, String function) {
}

package io.ggen.ffi.cache.internal;

import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.FunctionId;
import java.util.Objects;

/**
 * The function part of a cache key: bridge, module (its whole spec, not the short description of
 * {@link FunctionId}, so two snippets that start alike never share results), function and the
 * module's generation. Made once per function and generation; its hash is computed once.
 */
final class FunctionKey {

    final String bridge;
    final ModuleSpec module;
    final String function;
    final long generation;
    /** The module as {@link ModuleSpec#describe()} gives it: how management names it. */
    final String described;
    private final int hash;

    FunctionKey(FunctionId id, ModuleSpec module, long generation) {
        this.bridge = id.bridge();
        this.module = module;
        this.function = id.function();
        this.generation = generation;
        this.described = module.describe();
        this.hash = Objects.hash(bridge, module, function, generation);
    }

    /** Same bridge and module, of any generation. */
    boolean sameModule(FunctionKey other) {
        return bridge.equals(other.bridge) && module.equals(other.module);
    }

    /** Whether management's name of a function (see {@link io.ggen.ffi.api.CallCache}) is this one's. */
    boolean isNamed(String bridge, String module, String function) {
        return this.function.equals(function) && this.bridge.equals(bridge) && described.equals(module);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FunctionKey k && hash == k.hash && generation == k.generation
            && function.equals(k.function) && bridge.equals(k.bridge) && module.equals(k.module);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return bridge + ":" + described + "#" + function + "@" + generation;
    }
}

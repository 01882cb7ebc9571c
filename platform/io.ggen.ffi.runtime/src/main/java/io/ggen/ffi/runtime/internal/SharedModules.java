package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Modules loaded from a file or by name are loaded once per bridge: every {@link RuntimeModule}
 * of the same spec and bridge shares one guest module, counted; the last to let go closes it. A
 * file module is shared while its file is unchanged (the binding's generation is the file's
 * stamp). Inline code is never shared: each load of it gets its own guest module, with its own state.
 */
final class SharedModules {

    /** BridgeEntry compares by identity: a bridge service that comes back is a new entry. */
    private record Key(BridgeEntry bridge, ModuleSpec spec) {
    }

    private static final class Shared {
        final Key key;
        final RuntimeModule.Binding binding;
        int holders = 1;

        Shared(Key key, RuntimeModule.Binding binding) {
            this.key = key;
            this.binding = binding;
        }
    }

    private final Map<Key, Shared> latest = new HashMap<>();
    private final Map<GuestModule, Shared> byGuest = new IdentityHashMap<>();

    /**
     * The loaded binding of the spec through this bridge, of this generation (of any when empty:
     * named modules are shared whatever their generation), held once more; null when there is
     * none: load it and {@link #publish} it.
     */
    synchronized RuntimeModule.Binding join(BridgeEntry bridge, ModuleSpec spec, OptionalLong generation) {
        Shared shared = latest.get(new Key(bridge, spec));
        if (shared == null || bridge.isRemoved()
                || (generation.isPresent() && shared.binding.generation() != generation.getAsLong())) {
            return null;
        }
        shared.holders++;
        return shared.binding;
    }

    /**
     * Offers a binding just loaded. When another caller published one of the same generation
     * meanwhile, that one is held and returned instead: the caller then closes its own.
     */
    synchronized RuntimeModule.Binding publish(ModuleSpec spec, RuntimeModule.Binding fresh) {
        Key key = new Key(fresh.bridge(), spec);
        Shared existing = latest.get(key);
        if (existing != null && existing.binding.generation() == fresh.generation()) {
            existing.holders++;
            return existing.binding;
        }
        Shared shared = new Shared(key, fresh);
        latest.put(key, shared);   // an older generation stays with its holders until they let go
        byGuest.put(fresh.guest(), shared);
        return fresh;
    }

    /** Lets go of a binding; true when nobody holds it any more (or it was never shared): close it. */
    synchronized boolean release(RuntimeModule.Binding binding) {
        Shared shared = byGuest.get(binding.guest());
        if (shared == null) {
            return true;
        }
        if (--shared.holders > 0) {
            return false;
        }
        byGuest.remove(binding.guest());
        latest.remove(shared.key, shared);
        return true;
    }
}

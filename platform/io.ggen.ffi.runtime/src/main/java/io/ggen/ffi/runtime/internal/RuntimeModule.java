package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.GuestModule;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A module as callers hold it. It survives its bridge being replaced: when the bridge that
 * loaded it goes away, the next call loads it again through the bridge then present (the same
 * {@code bridge.name} if the spec names one), or fails with "no bridge for ..." while there is none.
 * File and named modules are loaded once per bridge and shared ({@link SharedModules}).
 * A file module is loaded again when its file changes (see {@link SourceWatch}); interceptors
 * tell the loads apart by their generation ({@code Invocation.moduleGeneration()}).
 */
final class RuntimeModule implements ForeignModule {

    /**
     * The module as one bridge service loaded it.
     *
     * @param bridge the bridge that serves the spec (in an isolate, the bridge the isolate runs)
     * @param generation names the code loaded: 0 for inline code, the file's stamp for a file
     *     module, a number of its own for each load of a named module
     * @param isolated whether the guest module lives in an isolate (a child process)
     */
    record Binding(BridgeEntry bridge, GuestModule guest, long generation, boolean isolated) {

        /** Whether a batch crosses once: always to an isolate (callBatch), else as the bridge says. */
        boolean nativeBatching() {
            return isolated || bridge.info().capabilities().nativeBatching();
        }

        /** Whether a call can be stopped: an isolate's by cancel then kill, else as the bridge says. */
        boolean cancels() {
            return isolated || bridge.info().capabilities().cancellation();
        }
    }

    private final ForeignRuntimeImpl runtime;
    private final ModuleSpec spec;
    private final CallOptions loadOptions;
    private final String description;
    private final ConcurrentHashMap<String, RuntimeFunction> functions = new ConcurrentHashMap<>();
    private final SourceWatch watch;
    private volatile Binding binding;
    private volatile boolean closed;

    /**
     * @param loadOptions how it was loaded; it is loaded the same way through a new bridge
     */
    RuntimeModule(ForeignRuntimeImpl runtime, ModuleSpec spec, CallOptions loadOptions, Binding binding) {
        this.runtime = runtime;
        this.spec = spec;
        this.loadOptions = loadOptions;
        this.description = spec.describe();
        this.binding = binding;
        this.watch = SourceWatch.of(spec);
    }

    /**
     * The current binding, reloading through a new bridge when the old one went away, or when
     * the module's file changed.
     */
    Binding binding() {
        Binding current = binding;
        if (current.bridge().isRemoved() || closed) {
            current = rebind(current);
        } else if (watch != null) {
            OptionalLong stamp = watch.changed(current.generation());
            if (stamp.isPresent()) {
                current = reload(current, stamp.getAsLong());
            }
        }
        return current;
    }

    /**
     * Loads the changed file (or takes the module another holder loaded from it) and lets go of
     * the old one, which its last holder closes. When the new source does not load the caller gets
     * the error and the old module goes on serving until the file changes again.
     */
    private Binding reload(Binding stale, long stamp) {
        Binding fresh;
        synchronized (this) {
            if (closed || binding != stale) {
                return binding();
            }
            try {
                fresh = runtime.acquire(spec, loadOptions);   // another holder may have reloaded it already
            } catch (RuntimeException e) {
                watch.failed(stamp);
                throw e;
            }
            binding = fresh;
        }
        runtime.release(stale);
        return fresh;
    }

    private synchronized Binding rebind(Binding stale) {
        if (closed) {
            throw new BridgeUnavailableException(spec.language(),
                "module " + description + " is closed" + (runtime.isStopped() ? " (the runtime stopped)" : ""));
        }
        if (binding != stale) {
            return binding;
        }
        binding = runtime.acquire(spec, loadOptions);
        runtime.release(stale);
        return binding;
    }

    /** Closes the isolate of this module's binding if that bridge runs it; the next call loads it again. */
    void closeIsolate(BridgeEntry removed) {
        Binding current = binding;
        if (current.isolated() && current.bridge() == removed) {
            current.guest().close();
        }
    }

    String description() {
        return description;
    }

    ForeignRuntimeImpl runtime() {
        return runtime;
    }

    /** The language id of the bridge (e.g. {@code javascript} for a spec that said {@code js}). */
    @Override
    public String language() {
        return binding.bridge().language();
    }

    @Override
    public String bridgeName() {
        return binding.bridge().name();
    }

    @Override
    public ModuleSpec spec() {
        return spec;
    }

    @Override
    public Set<String> functions() {
        return binding().guest().functions();
    }

    @Override
    public ForeignFunction function(String name) {
        RuntimeFunction function = functions.get(name);
        if (function == null) {
            RuntimeFunction created = new RuntimeFunction(this, name);
            created.bound();   // fails now, with the bridge's message, when there is no such function
            function = functions.computeIfAbsent(name, n -> created);
        }
        return function;
    }

    /** What the guest module tells (an isolated module's, through its isolate). */
    @Override
    public List<FunctionSignature> signatures() {
        return binding().guest().signatures();
    }

    @Override
    public <T> T bind(MethodHandles.Lookup lookup, Class<T> api) {
        return TypedBinding.bind(this, lookup, api);
    }

    @Override
    public void close() {
        Binding last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = binding;
        }
        runtime.forget(this);
        runtime.release(last);
    }

    @Override
    public String toString() {
        return "ForeignModule[" + spec.language() + "/" + binding.bridge().name() + " " + description + "]";
    }
}

package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignStuckCallException;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.ValueConverter;
import io.ggen.ffi.api.spi.CallContext;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.CallObserver;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.GuestFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A bound function: the call path. It resolves the bridge's function once per binding, arms the
 * watchdog only for calls with a timeout, runs the interceptors, and turns what the bridge throws
 * into the platform's exception kinds.
 */
final class RuntimeFunction implements ForeignFunction {

    /**
     * What a call needs of one binding of the module, made once per binding (and again when the
     * observers change): the bridge's function as it is ({@code direct}) and as callers may call it
     * ({@code guarded}: behind a hard deadline when the bridge cannot stop a call; the same function
     * when it can), its id, language and the module's spec, and what observes its calls, asked of
     * {@code observers}.
     */
    record Bound(RuntimeModule.Binding binding, GuestFunction direct, GuestFunction guarded, FunctionId id,
                 String language, ModuleSpec spec, List<CallObserver> observers, CallObserver.Calls calls) {

        /** Calls the function; a call nothing can cancel has no deadline to keep, so it goes direct. */
        ForeignValue call(List<ForeignValue> args, CallContext context) {
            return context.isCancellable() ? guarded.call(args, context) : direct.call(args, context);
        }

        /** The same binding, observed by {@code now}. */
        Bound observedBy(List<CallObserver> now) {
            return new Bound(binding, direct, guarded, id, language, spec, now, Observers.of(now, id));
        }

        /** A batch of this function, as the interceptors see it. */
        CallInterceptor.Batch batch(int size, boolean micro, CallOptions options) {
            return new CallInterceptor.Batch(id, language, spec, size, micro, options);
        }
    }

    private final RuntimeModule module;
    private final ForeignRuntimeImpl runtime;
    private final String name;
    private volatile Bound bound;

    RuntimeFunction(RuntimeModule module, String name) {
        this.module = module;
        this.runtime = module.runtime();
        this.name = name;
    }

    /**
     * The current binding's {@link Bound}. The check is all a call inlines; a new one is made out of
     * line, so the hot call path stays small enough for the compiler to inline into its callers.
     */
    Bound bound() {
        Bound current = bound;
        if (current != null && current.binding() == module.binding()
                && current.observers() == runtime.observers().current()) {
            return current;
        }
        return rebound(current);
    }

    private Bound rebound(Bound current) {
        RuntimeModule.Binding binding = module.binding();
        List<CallObserver> observers = runtime.observers().current();
        if (current == null || current.binding() != binding) {
            String language = binding.bridge().language();
            FunctionId id = new FunctionId(binding.bridge().name(), module.description(), name);
            GuestFunction direct = binding.guest().function(name);
            current = new Bound(binding, direct, runtime.hardDeadlines().guard(direct, id, language, binding.cancels()),
                id, language, module.spec(), List.of(), Observers.NONE).observedBy(observers);
        } else {
            current = current.observedBy(observers);
        }
        bound = current;
        return current;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ForeignModule module() {
        return module;
    }

    @Override
    public ForeignValue invoke(List<ForeignValue> args, CallOptions options) {
        return execute(args, CallControl.of(options));
    }

    /**
     * A call: observed whole, through the interceptors to the bridge; what the caller gets thrown is
     * translated. A call that nothing can cancel or intercept (the default options, no interceptors)
     * goes straight to the bridge; the rest is out of line, so this stays small enough for the compiler
     * to inline into its callers with the bridge's call. A Polyglot bridge's call is too large for that:
     * the distribution's compiler commands ({@code conf/hotspot_compiler}) inline both by name.
     */
    ForeignValue execute(List<ForeignValue> args, CallControl control) {
        Bound target = bound();
        CallObserver.Calls calls = target.calls();
        Object begun = calls.begin();
        ForeignValue result;
        try {
            result = control.isPlain() && !runtime.interceptsEveryCall() ? target.direct().call(args, control)
                : controlled(target, args, control);
        } catch (RuntimeException e) {
            throw failed(e, control, target, begun);
        }
        calls.end(begun, null);
        return result;
    }

    /** A call with a deadline, a caller that can cancel it, or interceptors to run through. */
    private ForeignValue controlled(Bound target, List<ForeignValue> args, CallControl control) {
        CallInterceptor[] interceptors = runtime.interceptors(control.options());
        try (CallControl running = control.start(runtime.watchdog())) {
            return interceptors.length == 0 ? target.call(args, running)
                : new RuntimeInvocation(target, args, running, interceptors).start();
        }
    }

    /** A call that failed, out of line (see {@link #bound()}): what the caller gets, observed as such. */
    private ForeignException failed(RuntimeException e, CallControl control, Bound target, Object begun) {
        ForeignException failure = translate(e, control, target);
        target.calls().end(begun, failure);
        return failure;
    }

    @Override
    public CompletableFuture<ForeignValue> invokeAsync(List<ForeignValue> args, CallOptions options) {
        CallControl control = new CallControl(options, true);
        CompletableFuture<ForeignValue> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                // the future first: stopping the call first let its end complete the future before the cancel did
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                control.cancel(CallControl.State.CANCELLED);
                return cancelled;
            }
        };
        runtime.async(() -> {
            try {
                future.complete(execute(args, control));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    /**
     * One crossing for bridges that batch natively (the timeout covers the whole batch); a loop
     * through the whole pipeline otherwise (the timeout covers each item).
     */
    @Override
    public List<BatchResult> invokeBatch(List<List<ForeignValue>> argsList, CallOptions options) {
        Bound target = bound();
        if (!target.binding().nativeBatching()) {
            List<BatchResult> results = new ArrayList<>(argsList.size());
            for (List<ForeignValue> args : argsList) {
                try {
                    results.add(BatchResult.success(invoke(args, options)));
                } catch (ForeignException e) {
                    results.add(BatchResult.failure(e));
                }
            }
            return results;
        }
        CallControl control = CallControl.of(options);
        try (CallControl running = control.start(runtime.watchdog())) {
            List<BatchResult> results = Chains.batch(runtime.interceptors(options), target.batch(argsList.size(), false,
                options), () -> target.guarded().callBatch(argsList, running));
            if (results.size() == argsList.size()) {
                return results;
            }
            List<BatchResult> padded = new ArrayList<>(results);
            ForeignException missing = translate(new ForeignCancellationException(target.language(),
                "the batch stopped before this item"), control, target);
            while (padded.size() < argsList.size()) {
                padded.add(BatchResult.failure(missing));
            }
            return padded;
        } catch (RuntimeException e) {
            throw translate(e, control, target);
        }
    }

    @Override
    public Object call(Object... args) {
        ValueConverter converter = runtime.converter();
        List<ForeignValue> values = new ArrayList<>(args.length);
        for (Object arg : args) {
            values.add(converter.toForeign(arg));
        }
        return converter.toJava(invoke(values, CallOptions.DEFAULT));
    }

    /** The exception a caller sees: timeouts and cancellations as such, a vanished bridge said plainly. */
    private ForeignException translate(RuntimeException e, CallControl control, Bound target) {
        String language = target.language();
        String bridge = target.binding().bridge().name();
        if (e instanceof ForeignStuckCallException stuck) {
            return stuck;   // the bridge could not stop it: not "the bridge stopped it"
        }
        switch (control.state()) {
            case TIMED_OUT -> {
                return new ForeignTimeoutException(language, "call to " + name + " timed out after "
                    + Durations.format(control.options().timeout().orElseThrow()) + "; "
                    + (target.binding().isolated() ? "its isolate was told to stop it (and is killed and replaced"
                        + " if it does not)" : "the " + bridge + " bridge stopped it"), e);
            }
            case CANCELLED -> {
                return new ForeignCancellationException(language, "call to " + name + " was cancelled", e);
            }
            default -> {
                if (target.binding().bridge().isRemoved() && !(e instanceof BridgeUnavailableException)) {
                    return new BridgeUnavailableException(language, "the " + bridge + " bridge for " + language
                        + " went away during the call to " + name + "; call again once a bridge is back", e);
                }
                if (e instanceof ForeignException foreign) {
                    return foreign;
                }
                return new ForeignException(language, e.getClass().getName(),
                    "the " + bridge + " bridge failed: " + e.getMessage(), List.of(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "ForeignFunction[" + name + " in " + module + "]";
    }
}

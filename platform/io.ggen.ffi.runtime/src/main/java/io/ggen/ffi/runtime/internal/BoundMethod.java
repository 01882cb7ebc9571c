package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.BatchResult;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ValueConverter;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One method of a typed binding, with everything its calls need worked out when it was bound: the
 * function, the call options, and the Java type of its result (or of a batch's elements). A call
 * converts the arguments, calls the function and converts the result; nothing else.
 */
final class BoundMethod {

    /** {@code Api.method}, for messages. */
    private final String where;
    private final ForeignFunction function;
    private final CallOptions options;
    private final ValueConverter converter;
    /** The result's Java type (a batch's: its elements'); {@code null} for a void method. */
    private final Type result;
    /** The same when it is a plain class, so the conversion needs no look at the type. */
    private final Class<?> resultClass;
    /** For a batch whose elements are records: their accessors, {@code (Object)Object}; else {@code null}. */
    private final MethodHandle[] components;

    BoundMethod(String where, ForeignFunction function, CallOptions options, ValueConverter converter, Type result,
                MethodHandle[] components) {
        this.where = where;
        this.function = function;
        this.options = options;
        this.converter = converter;
        this.result = result;
        this.resultClass = result instanceof Class<?> c ? c : null;
        this.components = components;
    }

    /** A plain call: the converted result, or {@code null} for a void method. */
    Object call(Object[] args) {
        ForeignValue value = function.invoke(arguments(args), options);
        return result == null ? null : toJava(value);
    }

    /** An asynchronous call: a future of the converted result; cancelling it cancels the call. */
    CompletableFuture<Object> callAsync(Object[] args) {
        CompletableFuture<ForeignValue> call = function.invokeAsync(arguments(args), options);
        CompletableFuture<Object> converted = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                call.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        call.whenComplete((value, failure) -> {
            if (failure != null) {
                converted.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : failure);
                return;
            }
            try {
                converted.complete(result == null ? null : toJava(value));
            } catch (RuntimeException e) {
                converted.completeExceptionally(e);
            }
        });
        return converted;
    }

    /**
     * One batch: a call per element of the one argument; the results in order, or the first failed
     * item's exception once every item ran.
     */
    List<Object> callBatch(Object[] args) {
        Collection<?> items = (Collection<?>) args[0];
        if (items == null) {
            throw new ForeignArgumentException("java", where + ": the batch is null");
        }
        List<List<ForeignValue>> argsList = new ArrayList<>(items.size());
        int index = 0;
        for (Object item : items) {
            argsList.add(components == null ? List.of(toForeign(item, index)) : arguments(record(item, index)));
            index++;
        }
        List<BatchResult> results = function.invokeBatch(argsList, options);
        Object[] values = new Object[results.size()];
        ForeignException failure = null;
        for (int i = 0; i < values.length; i++) {
            BatchResult item = results.get(i);
            if (item.isError()) {
                failure = failure == null ? item.error() : failure;
            } else if (failure == null && result != null) {
                values[i] = toJava(item.value());
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result == null ? null : Collections.unmodifiableList(Arrays.asList(values));
    }

    private Object[] record(Object item, int index) {
        if (item == null) {
            throw new ForeignArgumentException("java", where + ": element " + index + " of the batch is null");
        }
        Object[] parts = new Object[components.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i] = components[i].invokeExact(item);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);   // accessors throw nothing checked
            }
        }
        return parts;
    }

    /** The arguments as neutral values; the array is not touched after, so the list may wrap it. */
    private List<ForeignValue> arguments(Object[] args) {
        ForeignValue[] values = new ForeignValue[args.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = toForeign(args[i], i);
        }
        return Arrays.asList(values);
    }

    private ForeignValue toForeign(Object arg, int index) {
        try {
            return converter.toForeign(arg);
        } catch (ForeignArgumentException e) {
            throw new ForeignArgumentException(e.language(), where + ", argument " + index + ": " + e.foreignMessage(), e);
        }
    }

    private Object toJava(ForeignValue value) {
        try {
            return resultClass != null ? converter.toJava(value, resultClass) : converter.toJava(value, result);
        } catch (ForeignArgumentException e) {
            throw new ForeignArgumentException(e.language(), where + ", result: " + e.foreignMessage(), e);
        }
    }

    @Override
    public String toString() {
        return where + " -> " + function;
    }
}

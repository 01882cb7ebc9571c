package io.ggen.ffi.runtime.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCall;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BindingClass;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Binds an interface to a module ({@link io.ggen.ffi.api.ForeignModule#bind}): every abstract
 * method becomes a {@link BoundMethod}, checked against the module now, behind a method handle of
 * exactly the method's type in a {@link BindingClass}.
 *
 * <p>A method calls the function of its name (or its {@link ForeignCall}'s), with the options its
 * annotation gives; it returns the converted result, a future of it ({@code CompletableFuture},
 * {@code CompletionStage} or {@code Future}: an asynchronous call), or nothing ({@code void}). A
 * batch method ({@code batch = true}) takes one {@code List} (or {@code Collection}) and returns a
 * {@code List} or nothing.
 */
final class TypedBinding {

    private static final MethodHandle CALL;
    private static final MethodHandle CALL_ASYNC;
    private static final MethodHandle CALL_BATCH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CALL = lookup.findVirtual(BoundMethod.class, "call", MethodType.methodType(Object.class, Object[].class));
            CALL_ASYNC = lookup.findVirtual(BoundMethod.class, "callAsync",
                MethodType.methodType(CompletableFuture.class, Object[].class));
            CALL_BATCH = lookup.findVirtual(BoundMethod.class, "callBatch", MethodType.methodType(List.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TypedBinding() {
    }

    static <T> T bind(RuntimeModule module, MethodHandles.Lookup lookup, Class<T> api) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface: only interfaces can be bound to a module");
        }
        Map<String, FunctionSignature> signatures = new HashMap<>();
        for (FunctionSignature signature : module.signatures()) {
            signatures.putIfAbsent(signature.name(), signature);
        }
        List<Method> methods = abstractMethods(api);
        List<MethodHandle> handles = new ArrayList<>(methods.size());
        for (Method method : methods) {
            handles.add(handle(module, method, signatures));
        }
        try {
            return BindingClass.instantiate(lookup, api, methods, handles);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot define the binding of " + api.getName() + " with the lookup of "
                + lookup.lookupClass().getName() + ": pass MethodHandles.lookup() from a class that sees the interface ("
                + e.getMessage() + ")", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("binding " + api.getName() + " failed: " + e, e);
        }
    }

    /** The methods to implement: abstract, not {@code Object}'s, one per signature, in a stable order. */
    private static List<Method> abstractMethods(Class<?> api) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Method method : api.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || method.isBridge() || isObjectMethod(method)) {
                continue;
            }
            String key = method.getName() + MethodType.methodType(void.class, method.getParameterTypes()).toMethodDescriptorString();
            Method known = bySignature.get(key);
            if (known == null || known.getReturnType().isAssignableFrom(method.getReturnType())) {
                bySignature.put(key, method);   // of two inherited declarations, the narrower result implements both
            }
        }
        return bySignature.values().stream().sorted(Comparator.comparing(Method::toGenericString)).toList();
    }

    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static MethodHandle handle(RuntimeModule module, Method method, Map<String, FunctionSignature> signatures) {
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        ForeignCall annotation = method.getAnnotation(ForeignCall.class);
        String name = annotation != null && !annotation.value().isEmpty() ? annotation.value() : method.getName();
        CallOptions options = options(annotation, where);
        MethodType type = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
        Class<?> returns = method.getReturnType();
        boolean batch = annotation != null && annotation.batch();
        boolean async = returns == CompletableFuture.class || returns == CompletionStage.class || returns == Future.class;

        MethodHandle[] components = null;
        Type result;
        int arguments = method.getParameterCount();
        if (batch) {
            if (method.getParameterCount() != 1 || !Collection.class.isAssignableFrom(method.getParameterTypes()[0])) {
                throw unmappable(where, "a batch method takes one List of its calls' arguments");
            }
            if (!(returns == void.class || returns == List.class || returns == Collection.class || returns == Iterable.class)) {
                throw unmappable(where, "a batch method returns a List of its calls' results, or nothing");
            }
            Class<?> element = erasure(typeArgument(method.getGenericParameterTypes()[0]));
            components = element.isRecord() ? accessors(element, where) : null;
            arguments = components == null ? 1 : components.length;
            result = returns == void.class ? null : typeArgument(method.getGenericReturnType());
        } else if (async) {
            result = typeArgument(method.getGenericReturnType());
        } else {
            result = returns == void.class ? null : method.getGenericReturnType();
        }

        ForeignFunction function = function(module, name, where);
        FunctionSignature signature = signatures.get(name);
        if (signature != null && !signature.accepts(arguments)) {
            throw new ForeignArgumentException(module.language(), where + " passes " + arguments + " argument"
                + (arguments == 1 ? "" : "s") + (batch ? " per call" : "") + " but the function is " + signature.describe());
        }
        BoundMethod bound = new BoundMethod(where, function, options, module.runtime().converter(), result, components);
        MethodHandle call = (batch ? CALL_BATCH : async ? CALL_ASYNC : CALL).bindTo(bound);
        return call.asCollector(Object[].class, method.getParameterCount()).asType(type);
    }

    private static ForeignFunction function(RuntimeModule module, String name, String where) {
        try {
            return module.function(name);
        } catch (NoSuchFunctionException e) {
            throw new NoSuchFunctionException(e.language(), where + ": " + e.foreignMessage() + " (the module "
                + module.description() + " defines " + String.join(", ", new TreeSet<>(module.functions())) + ")", e);
        }
    }

    private static CallOptions options(ForeignCall annotation, String where) {
        CallOptions options = CallOptions.DEFAULT;
        if (annotation == null) {
            return options;
        }
        if (annotation.timeoutMillis() < 0) {
            throw unmappable(where, "timeoutMillis must be positive, or 0 for none, not " + annotation.timeoutMillis());
        }
        if (annotation.timeoutMillis() > 0) {
            options = options.withTimeout(Duration.ofMillis(annotation.timeoutMillis()));
        }
        if (annotation.pure()) {
            options = options.withPure();
        }
        if (annotation.batchWindowMillis() >= 0) {
            options = options.withAttribute(CallOptions.BATCH_WINDOW, Long.toString(annotation.batchWindowMillis()));
        }
        return options;
    }

    private static MethodHandle[] accessors(Class<?> record, String where) {
        RecordComponent[] components = record.getRecordComponents();
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            accessor.trySetAccessible();
            try {
                accessors[i] = MethodHandles.lookup().unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException e) {
                throw unmappable(where, "the components of " + record.getName() + " cannot be read (" + e.getMessage() + ")");
            }
        }
        return accessors;
    }

    /** The one type argument of a {@code List<E>} or {@code CompletableFuture<T>}; {@code Object} for a raw type. */
    private static Type typeArgument(Type type) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> erasure(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case WildcardType w -> erasure(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> erasure(v.getBounds()[0]);
            default -> Object.class;
        };
    }

    private static IllegalArgumentException unmappable(String where, String why) {
        return new IllegalArgumentException(where + " cannot be bound: " + why);
    }
}

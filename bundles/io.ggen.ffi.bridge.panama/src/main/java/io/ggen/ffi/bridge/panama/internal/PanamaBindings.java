package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.BindingClass;
import io.ggen.ffi.c.CFunction;
import io.ggen.ffi.c.CLibrary;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Typed bindings: each method of an interface becomes one method handle of exactly its type — the
 * downcall, adapted where Java and C differ (strings, arrays copied in and out, callbacks as upcall
 * stubs, all in a confined arena per call), behind a {@link SwitchPoint} that the bridge's stop
 * turns off. The JIT sees a constant handle and compiles a bound call to almost a raw downcall.
 */
final class PanamaBindings {

    private static final MethodHandle READ_STRING;
    private static final MethodHandle UNAVAILABLE;
    private static final MethodHandle ERRNO_STATE;
    private static final MethodHandle ERRNO_CHECKED;
    private static final FunctionDescriptor FREE = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);
    /** The Java return types whose -1 or null {@link Errno#failed} tells. */
    private static final java.util.Set<Class<?>> ERRNO_RETURNS = java.util.Set.of(int.class, long.class, short.class,
        byte.class, MemorySegment.class, String.class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READ_STRING = lookup.findStatic(PanamaBindings.class, "readString",
                MethodType.methodType(String.class, MethodHandle.class, MemorySegment.class));
            UNAVAILABLE = lookup.findStatic(PanamaBindings.class, "unavailable", MethodType.methodType(void.class, String.class));
            ERRNO_STATE = lookup.findStatic(Errno.class, "threadState", MethodType.methodType(MemorySegment.class));
            ERRNO_CHECKED = lookup.findStatic(Errno.class, "checked",
                MethodType.methodType(Object.class, String.class, Object.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SwitchPoint live = new SwitchPoint();

    <T> T bind(MethodHandles.Lookup lookup, Class<T> api, CLibrary library, SymbolLookup symbols) {
        if (!api.isInterface()) {
            throw new ForeignArgumentException("c", api.getName() + " is not an interface: only interfaces can be bound to a C library");
        }
        List<Method> methods = Arrays.stream(api.getMethods())
            .filter(m -> Modifier.isAbstract(m.getModifiers()) && !JavaCTypes.isObjectMethod(m))
            .sorted(Comparator.comparing(Method::toGenericString)).toList();
        List<MethodHandle> handles = new ArrayList<>();
        for (Method method : methods) {
            MethodHandle target = handle(lookup, method, library, symbols);
            MethodType type = target.type();
            MethodHandle off = MethodHandles.dropArguments(MethodHandles.insertArguments(UNAVAILABLE, 0,
                api.getSimpleName() + "." + method.getName() + " (" + library.loaderName() + ")"), 0, type.parameterList());
            off = type.returnType() == void.class ? off
                : MethodHandles.filterReturnValue(off, MethodHandles.zero(type.returnType()).asType(MethodType.methodType(type.returnType())));
            handles.add(live.guardWithTest(target, off.asType(type)));
        }
        try {
            return BindingClass.instantiate(lookup, api, methods, handles);
        } catch (IllegalAccessException e) {
            throw new ForeignArgumentException("c", "cannot define the binding of " + api.getName() + " with this lookup: pass"
                + " MethodHandles.lookup() from a class that sees the interface (" + e.getMessage() + ")", e);
        } catch (Throwable e) {
            throw new ForeignException("c", e.getClass().getName(), "binding " + api.getName() + " failed: " + e.getMessage(), List.of(), e);
        }
    }

    private MethodHandle handle(MethodHandles.Lookup lookup, Method method, CLibrary library, SymbolLookup symbols) {
        CFunction annotation = method.getAnnotation(CFunction.class);
        String symbol = annotation != null && !annotation.value().isEmpty() ? annotation.value() : null;
        CSignature signature = annotation != null && !annotation.signature().isEmpty()
            ? CSignature.parse(annotation.signature())
            : JavaCTypes.signature(symbol != null ? symbol : method.getName(), method);
        String name = symbol != null ? symbol : signature.name();
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        Class<?>[] javaTypes = method.getParameterTypes();
        if (signature.params().size() != javaTypes.length) {
            throw new ForeignArgumentException("c", where + " has " + javaTypes.length + " parameters but its C signature "
                + signature + " has " + signature.params().size());
        }
        MemorySegment address = symbols.find(name).orElseThrow(() -> new NoSuchFunctionException("c",
            where + ": no function '" + name + "' in " + library.loaderName()));
        Class<?> javaReturn = method.getReturnType();
        CType cReturn = signature.returns();
        boolean errno = annotation != null && annotation.errno();
        if (errno && (!(cReturn.isInteger() || cReturn.isPointer()) || !ERRNO_RETURNS.contains(javaReturn))) {
            throw new ForeignArgumentException("c", where + ": errno = true needs a function that returns an integer"
                + " or a pointer (-1 or NULL says it failed) as int, long, short, byte, MemorySegment or String, not "
                + cReturn + " as " + javaReturn.getSimpleName());
        }
        // with errno, the downcall takes the state where the linker captures it first
        MethodHandle downcall = Linker.nativeLinker().downcallHandle(address, PanamaSignatures.descriptor(signature),
            errno ? new Linker.Option[] {Errno.CAPTURE} : new Linker.Option[0]);
        int offset = errno ? 1 : 0;
        Class<?>[] carried = new Class<?>[offset + javaTypes.length];
        if (errno) {
            carried[0] = MemorySegment.class;
        }
        System.arraycopy(javaTypes, 0, carried, offset, javaTypes.length);

        if (javaReturn == String.class && cReturn.isString()) {
            String freeName = annotation != null && !annotation.free().isEmpty() ? annotation.free()
                : cReturn.pointee().constant() ? null : "free";
            MethodHandle free = freeName == null ? null : Linker.nativeLinker().downcallHandle(symbols.find(freeName)
                .or(() -> Linker.nativeLinker().defaultLookup().find(freeName))
                .orElseThrow(() -> new NoSuchFunctionException("c", where + ": no free function '" + freeName + "'")), FREE);
            downcall = MethodHandles.filterReturnValue(downcall, READ_STRING.bindTo(free));
        }

        Class<?>[] middle = carried.clone();
        MethodHandle[] converters = new MethodHandle[carried.length];
        for (int i = offset; i < carried.length; i++) {
            Class<?> java = carried[i];
            CType c = signature.params().get(i - offset).type();
            if (java == String.class && c.isString()) {
                converters[i] = MethodHandles.insertArguments(CallScope.STRING, 1, where);
            } else if (java.isArray() && java.getComponentType().isPrimitive() && c.isPointer()) {
                converters[i] = CallScope.ARRAY;
            } else if (java == ByteBuffer.class && c.isPointer()) {
                converters[i] = CallScope.BUFFER;
            } else if (c.kind() == CType.Kind.FUNCTION_POINTER && java.isInterface()) {
                Method sam = JavaCTypes.singleAbstractMethod(java, method);
                try {
                    converters[i] = MethodHandles.insertArguments(CallScope.UPCALL, 1, lookup.unreflect(sam),
                        PanamaSignatures.descriptor(c.function()));
                } catch (IllegalAccessException e) {
                    throw new ForeignArgumentException("c", where + ": cannot call " + sam + " with the given lookup", e);
                }
            } else {
                continue;
            }
            middle[i] = MemorySegment.class;
            converters[i] = converters[i].asType(MethodType.methodType(MemorySegment.class, CallScope.class, java));
        }
        MethodHandle typed;
        try {
            typed = downcall.asType(MethodType.methodType(javaReturn, middle));
        } catch (WrongMethodTypeException e) {
            throw new ForeignArgumentException("c", where + ": the Java types " + MethodType.methodType(javaReturn, javaTypes)
                + " cannot carry the C signature " + signature + " (give @CFunction(signature = ...) or change the types)", e);
        }
        MethodHandle bound = Arrays.stream(converters).allMatch(java.util.Objects::isNull) ? typed
            : scoped(typed, converters, carried);
        return errno ? withErrno(bound, where) : bound;
    }

    /**
     * From {@code (state, args...)} to {@code (args...)}: the thread's state goes first, and the
     * result is checked with it (-1 or NULL: the errno C left is thrown).
     */
    private static MethodHandle withErrno(MethodHandle target, String where) {
        MethodType type = target.type();
        Class<?> returns = type.returnType();
        MethodHandle check = MethodHandles.insertArguments(ERRNO_CHECKED, 0, where)
            .asType(MethodType.methodType(returns, returns, MemorySegment.class));
        MethodHandle checked = MethodHandles.collectArguments(check, 0, target); // (state, args..., state)
        int[] reorder = new int[type.parameterCount() + 1];
        for (int i = 0; i < type.parameterCount(); i++) {
            reorder[i] = i;
        }
        checked = MethodHandles.permuteArguments(checked, type, reorder); // the last state is the first one
        return MethodHandles.foldArguments(checked, ERRNO_STATE);
    }

    /** Wraps a handle whose some parameters need native memory in a {@link CallScope} opened and closed around it. */
    private static MethodHandle scoped(MethodHandle target, MethodHandle[] converters, Class<?>[] javaTypes) {
        MethodHandle h = MethodHandles.dropArguments(target, 0, CallScope.class);
        for (int i = converters.length - 1; i >= 0; i--) {
            if (converters[i] != null) {
                h = MethodHandles.collectArguments(h, 1 + i, converters[i]);
            }
        }
        List<Integer> reorder = new ArrayList<>();
        reorder.add(0);
        for (int i = 0; i < converters.length; i++) {
            if (converters[i] != null) {
                reorder.add(0);
            }
            reorder.add(1 + i);
        }
        Class<?> returns = target.type().returnType();
        List<Class<?>> params = new ArrayList<>();
        params.add(CallScope.class);
        params.addAll(Arrays.asList(javaTypes));
        h = MethodHandles.permuteArguments(h, MethodType.methodType(returns, params),
            reorder.stream().mapToInt(Integer::intValue).toArray());
        MethodHandle cleanup = returns == void.class ? CallScope.CLOSE_VOID
            : CallScope.CLOSE.asType(MethodType.methodType(returns, Throwable.class, returns, CallScope.class));
        h = MethodHandles.tryFinally(h, cleanup);
        return MethodHandles.foldArguments(h, CallScope.OPEN);
    }

    private static String readString(MethodHandle free, MemorySegment pointer) throws Throwable {
        if (pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        try {
            return CStrings.decode(PanamaStrings.bytes(pointer), CStrings.InvalidUtf8.REPLACE, "binding");
        } finally {
            if (free != null) {
                free.invokeExact(pointer);
            }
        }
    }

    private static void unavailable(String what) {
        throw new BridgeUnavailableException("c", what + ": the Panama C bridge was stopped; bind the interface again"
            + " once a C bridge is back");
    }

    void invalidateAll() {
        SwitchPoint.invalidateAll(new SwitchPoint[] {live});
    }
}

package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.BindingClass;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.c.CValues;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The call of a C function that takes only scalars, as one method handle from the call's neutral
 * arguments to its neutral result: each argument is taken from the list, converted by
 * {@link CValues} straight to the primitive C wants, and the primitive C returns becomes the result.
 * Nothing is boxed and no array is made; the checks and messages are {@link CValues}'. The handle is
 * a constant of a class of its own ({@link BindingClass}), so the compiler inlines the whole call,
 * downcall included, into its caller, as it does for a typed binding.
 */
final class ScalarCall {

    /**
     * A function's call. Its handle throws nothing checked (a downcall of scalars, and converters
     * whose errors are {@code ForeignArgumentException}s), so the call declares nothing: its caller
     * needs no handler, and a dynamic call stays small enough to be inlined whole.
     */
    interface Compiled {
        ForeignValue call(List<ForeignValue> args);
    }

    private static final Method CALL;

    private static final MethodHandle GET;
    private static final MethodHandle TO_BOOLEAN;
    private static final MethodHandle TO_FLOATING;
    private static final MethodHandle TO_INTEGER;
    private static final MethodHandle OF_LONG;
    private static final MethodHandle OF_DOUBLE;
    private static final MethodHandle OF_BOOLEAN;
    private static final MethodHandle UNSIGNED_64;
    private static final MethodHandle UNSIGNED_8;
    private static final MethodHandle UNSIGNED_16;
    private static final MethodHandle UNSIGNED_32;
    private static final MethodHandle READ;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            GET = lookup.findVirtual(List.class, "get", MethodType.methodType(Object.class, int.class));
            MethodType converter = MethodType.methodType(void.class, ForeignValue.class, CType.class, String.class,
                String.class);
            TO_BOOLEAN = lookup.findStatic(CValues.class, "toBoolean", converter.changeReturnType(boolean.class));
            TO_FLOATING = lookup.findStatic(CValues.class, "toFloating", converter.changeReturnType(double.class));
            TO_INTEGER = lookup.findStatic(CValues.class, "toInteger", converter.changeReturnType(long.class));
            OF_LONG = neutral(lookup, ForeignValue.IntValue.class, long.class);
            OF_DOUBLE = neutral(lookup, ForeignValue.FloatValue.class, double.class);
            OF_BOOLEAN = neutral(lookup, ForeignValue.BoolValue.class, boolean.class);
            UNSIGNED_64 = lookup.findStatic(CValues.class, "unsigned", MethodType.methodType(ForeignValue.class, long.class));
            UNSIGNED_8 = lookup.findStatic(Byte.class, "toUnsignedLong", MethodType.methodType(long.class, byte.class));
            UNSIGNED_16 = lookup.findStatic(Short.class, "toUnsignedLong", MethodType.methodType(long.class, short.class));
            UNSIGNED_32 = lookup.findStatic(Integer.class, "toUnsignedLong", MethodType.methodType(long.class, int.class));
            READ = lookup.findVirtual(ReturnValue.class, "read",
                MethodType.methodType(ForeignValue.class, Object.class, String.class));
            CALL = Compiled.class.getMethod("call", List.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ScalarCall() {
    }

    /** {@code ForeignValue.of} of a primitive, typed as giving a {@link ForeignValue}. */
    private static MethodHandle neutral(MethodHandles.Lookup lookup, Class<?> kind, Class<?> primitive)
            throws ReflectiveOperationException {
        return lookup.findStatic(ForeignValue.class, "of", MethodType.methodType(kind, primitive))
            .asType(MethodType.methodType(ForeignValue.class, primitive));
    }

    /**
     * The call, compiled.
     *
     * @param downcall the function's downcall handle: its parameters are all scalars
     * @param returns what its result becomes (read through it when C returns a pointer)
     * @param where the function and library, for messages
     */
    static Compiled of(MethodHandle downcall, CSignature signature, ReturnValue returns, String where) {
        MethodHandle handle = handle(downcall, signature, returns, where);
        try {
            return BindingClass.instantiate(MethodHandles.lookup(), Compiled.class, List.of(CALL), List.of(handle));
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot compile the call of " + where, e);
        }
    }

    /** The call as a {@code (List<ForeignValue>) ForeignValue} handle. */
    private static MethodHandle handle(MethodHandle downcall, CSignature signature, ReturnValue returns, String where) {
        List<CParam> params = signature.params();
        MethodHandle[] arguments = new MethodHandle[params.size()];
        for (int i = 0; i < arguments.length; i++) {
            CParam p = params.get(i);
            MethodHandle take = MethodHandles.insertArguments(GET, 1, i)
                .asType(MethodType.methodType(ForeignValue.class, List.class));
            MethodHandle convert = MethodHandles.insertArguments(converter(p.type()), 1, p.type(), p.name(),
                signature.name());
            convert = MethodHandles.explicitCastArguments(convert,   // narrowing keeps the low bits, as C does
                convert.type().changeReturnType(downcall.type().parameterType(i)));
            arguments[i] = MethodHandles.filterArguments(convert, 0, take);
        }
        MethodHandle call = MethodHandles.filterArguments(downcall, 0, arguments);
        // every argument is taken from the one list
        call = MethodHandles.permuteArguments(call, MethodType.methodType(call.type().returnType(), List.class),
            new int[arguments.length]);
        return MethodHandles.filterReturnValue(call, result(signature.returns(), call.type().returnType(), returns,
            where));
    }

    private static MethodHandle converter(CType type) {
        if (type.kind() == CType.Kind.BOOL) {
            return TO_BOOLEAN;
        }
        return type.isFloatingPoint() ? TO_FLOATING : TO_INTEGER;
    }

    /** From what C returns (of the carrier class) to the neutral result. */
    private static MethodHandle result(CType type, Class<?> carrier, ReturnValue returns, String where) {
        MethodHandle read = switch (type.kind()) {
            case VOID -> MethodHandles.constant(ForeignValue.class, ForeignValue.NULL);
            case BOOL -> OF_BOOLEAN;
            case CHAR, INT8, INT16, INT32, INT64 -> OF_LONG;
            case UINT8 -> MethodHandles.filterReturnValue(UNSIGNED_8, OF_LONG);
            case UINT16 -> MethodHandles.filterReturnValue(UNSIGNED_16, OF_LONG);
            case UINT32 -> MethodHandles.filterReturnValue(UNSIGNED_32, OF_LONG);
            case UINT64 -> UNSIGNED_64;
            case FLOAT, DOUBLE -> OF_DOUBLE;
            case POINTER, FUNCTION_POINTER -> MethodHandles.insertArguments(READ.bindTo(returns), 1, where);
        };
        return carrier == void.class ? read : read.asType(MethodType.methodType(ForeignValue.class, carrier));
    }
}

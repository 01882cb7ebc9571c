package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CType;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The C signature a Java method stands for when it gives none (see {@link io.ggen.ffi.c.CFunction}). */
final class JavaCTypes {

    private JavaCTypes() {
    }

    static CSignature signature(String symbol, Method method) {
        List<CParam> params = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            params.add(new CParam("arg" + i, type(types[i], method)));
        }
        Class<?> returns = method.getReturnType();
        return new CSignature(symbol, returns == String.class ? CType.CONST_STRING : type(returns, method), params);
    }

    static CType type(Class<?> type, Method method) {
        if (type == void.class) {
            return CType.VOID;
        }
        if (type == String.class) {
            return CType.CONST_STRING;
        }
        if (type == MemorySegment.class) {
            return CType.VOID_POINTER;
        }
        if (type == ByteBuffer.class) {
            return CType.pointerTo(CType.scalar(CType.Kind.UINT8));
        }
        if (type.isArray() && type.getComponentType().isPrimitive()) {
            return CType.pointerTo(type(type.getComponentType(), method));
        }
        if (type.isPrimitive()) {
            return CType.scalar(switch (type.getName()) {
                case "boolean" -> CType.Kind.BOOL;
                case "byte" -> CType.Kind.INT8;
                case "short" -> CType.Kind.INT16;
                case "char" -> CType.Kind.UINT16;
                case "int" -> CType.Kind.INT32;
                case "long" -> CType.Kind.INT64;
                case "float" -> CType.Kind.FLOAT;
                default -> CType.Kind.DOUBLE;
            });
        }
        if (type.isInterface()) {
            Method sam = singleAbstractMethod(type, method);
            return CType.functionPointer(signature(sam.getName(), sam));
        }
        throw new ForeignArgumentException("c", method + ": " + type.getName() + " has no C counterpart; use a"
            + " primitive, String, MemorySegment, ByteBuffer, a primitive array or a functional interface, or give a @CFunction signature");
    }

    static Method singleAbstractMethod(Class<?> type, Method where) {
        List<Method> abstractMethods = Arrays.stream(type.getMethods())
            .filter(m -> Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)).toList();
        if (abstractMethods.size() != 1) {
            throw new ForeignArgumentException("c", where + ": " + type.getName()
                + " is passed as a C function pointer, so it must have exactly one abstract method");
        }
        return abstractMethods.getFirst();
    }

    static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

package io.ggen.ffi.bridge.panama.internal;

import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The class of a typed binding, written with the ClassFile API: it implements the interface, and each
 * method loads its method handle from the class data (a constant the JIT folds) and calls it with
 * {@code invokeExact}. So a bound call costs what the method handle costs, with no proxy, no array and
 * no boxing in between.
 */
final class BindingClass {

    private static final ClassDesc METHOD_HANDLE = ClassDesc.of("java.lang.invoke.MethodHandle");

    private BindingClass() {
    }

    /**
     * Defines the class next to the caller's class (so it sees the interface) and makes one instance.
     *
     * @param handles one per method, of exactly its type, in the same order
     */
    static <T> T instantiate(MethodHandles.Lookup lookup, Class<T> api, List<Method> methods, List<java.lang.invoke.MethodHandle> handles)
        throws Throwable {
        String packageName = lookup.lookupClass().getPackageName();
        ClassDesc self = ClassDesc.of((packageName.isEmpty() ? "" : packageName + ".") + api.getSimpleName() + "$CBinding");
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(ConstantDescs.CD_Object);
            cb.withInterfaceSymbols(ClassDesc.ofDescriptor(api.descriptorString()));
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void).return_());
            for (int i = 0; i < methods.size(); i++) {
                Method method = methods.get(i);
                MethodTypeDesc type = MethodTypeDesc.ofDescriptor(
                    MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString());
                int index = i;
                cb.withMethodBody(method.getName(), type, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> {
                    code.ldc(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME,
                        METHOD_HANDLE, index));
                    int slot = 1;
                    for (Class<?> parameter : method.getParameterTypes()) {
                        TypeKind kind = TypeKind.from(parameter);
                        code.loadLocal(kind, slot);
                        slot += kind.slotSize();
                    }
                    code.invokevirtual(METHOD_HANDLE, "invokeExact", type);
                    code.return_(TypeKind.from(method.getReturnType()));
                });
            }
        });
        MethodHandles.Lookup defined = lookup.defineHiddenClassWithClassData(bytes, List.copyOf(handles), true);
        return api.cast(defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class)).invoke());
    }
}

package io.ggen.ffi.api.spi;

import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The class of a typed binding (the runtime's {@code ForeignModule.bind}, the C bridges' binders),
 * written with the ClassFile API: a hidden class that implements the interface, each of whose methods
 * loads its method handle from the class data (a constant the JIT folds) and calls it with
 * {@code invokeExact}. So a bound call costs what its method handle costs, with no proxy and no array
 * in between.
 *
 * <p>It is defined next to the lookup's class, so it sees the interface. A lookup without full
 * privilege (what {@code privateLookupIn} gives across modules, and every bundle is a module of its
 * own) gets one from a small class of the same package: {@code $GgenBindingLookup}, defined once per
 * package and reachable from that package only.
 */
public final class BindingClass {

    private static final ClassDesc METHOD_HANDLE = ClassDesc.of("java.lang.invoke.MethodHandle");
    private static final ClassDesc LOOKUP = ClassDesc.of("java.lang.invoke.MethodHandles$Lookup");
    private static final String ANCHOR = "$GgenBindingLookup";

    private BindingClass() {
    }

    /**
     * Defines the class and makes its one instance.
     *
     * @param lookup where to define it: the caller's own lookup, or one {@code privateLookupIn} the interface
     * @param methods the interface's abstract methods
     * @param handles one per method, of exactly its type, in the same order
     * @throws IllegalAccessException the lookup cannot define classes in its package
     */
    public static <T> T instantiate(MethodHandles.Lookup lookup, Class<T> api, List<Method> methods, List<MethodHandle> handles)
        throws Throwable {
        MethodHandles.Lookup full = lookup.hasFullPrivilegeAccess() ? lookup : fullPrivilege(lookup);
        String packageName = full.lookupClass().getPackageName();
        ClassDesc self = ClassDesc.of((packageName.isEmpty() ? "" : packageName + ".") + api.getSimpleName() + "$Binding");
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
        MethodHandles.Lookup defined = full.defineHiddenClassWithClassData(bytes, List.copyOf(handles), true);
        return api.cast(defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class)).invoke());
    }

    /**
     * A lookup with full privilege in the lookup's package, from the package's anchor class (defined
     * with the lookup's package access when it is not there yet).
     */
    private static MethodHandles.Lookup fullPrivilege(MethodHandles.Lookup lookup) throws Throwable {
        String packageName = lookup.lookupClass().getPackageName();
        String name = (packageName.isEmpty() ? "" : packageName + ".") + ANCHOR;
        Class<?> anchor;
        try {
            anchor = lookup.findClass(name);
        } catch (ClassNotFoundException absent) {
            try {
                anchor = lookup.defineClass(anchor(name));
            } catch (LinkageError raced) {
                anchor = lookup.findClass(name);   // another binding defined it meanwhile
            }
        }
        MethodHandle handOut = lookup.findStatic(anchor, "lookup", MethodType.methodType(MethodHandles.Lookup.class));
        return (MethodHandles.Lookup) handOut.invokeExact();
    }

    /** A package-private class whose package-private {@code lookup()} returns its own full-privilege lookup. */
    private static byte[] anchor(String name) {
        return ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(ConstantDescs.CD_Object);
            cb.withMethodBody("lookup", MethodTypeDesc.of(LOOKUP), ClassFile.ACC_STATIC, code -> code
                .invokestatic(ConstantDescs.CD_MethodHandles, "lookup", MethodTypeDesc.of(LOOKUP))
                .areturn());
        });
    }
}

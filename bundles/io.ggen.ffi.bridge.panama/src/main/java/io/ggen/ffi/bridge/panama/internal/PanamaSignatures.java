package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.c.CParam;
import io.ggen.ffi.c.CSignature;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;

/** C signatures as Panama function descriptors. */
final class PanamaSignatures {

    private PanamaSignatures() {
    }

    static FunctionDescriptor descriptor(CSignature signature) {
        MemoryLayout[] params = signature.params().stream().map(CParam::type).map(NativeTypes::layout).toArray(MemoryLayout[]::new);
        MemoryLayout returns = NativeTypes.layout(signature.returns());
        return returns == null ? FunctionDescriptor.ofVoid(params) : FunctionDescriptor.of(returns, params);
    }
}

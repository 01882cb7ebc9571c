package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignValue;
import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link CCallback} made callable from C for one call, the part every C bridge shares: each bridge
 * extends it with its own stub (an upcall stub, a callback proxy) and converts its carriers.
 *
 * <p>Nothing thrown may cross C, so {@link #invoke} never throws: the first failure is kept, zero goes
 * back to C (for this and any later call from C), and {@link #rethrow()} raises it once C has returned.
 */
@ConsumerType
public abstract class CCallbackAdapter {

    private final CCallback callback;
    private final CSignature signature;
    private Throwable failure;

    /**
     * An adapter for a callback passed where a function pointer is expected.
     *
     * @param parameter the parameter's type, a function pointer
     * @param name the parameter's name, for messages
     * @param function the called function's name, for messages
     * @throws ForeignArgumentException the callback's signature is not the one the parameter declares
     */
    protected CCallbackAdapter(CCallback callback, CType parameter, String name, String function) {
        this.callback = callback;
        this.signature = callback.checkPassableAs(parameter, name, function);
    }

    /** The signature C calls the callback with: the parameter's. */
    public final CSignature signature() {
        return signature;
    }

    /**
     * Runs the callback for one call from C: the carriers become values, the callback's result a
     * carrier. Never throws.
     *
     * @param carriers the arguments as the bridge's stub received them
     * @return the carrier C gets back; {@code null} for {@code void}
     */
    protected final Object invoke(Object[] carriers) {
        try {
            if (failure != null) {
                return zero(signature.returns());
            }
            List<ForeignValue> args = new ArrayList<>(carriers.length);
            for (int i = 0; i < carriers.length; i++) {
                args.add(argument(carriers[i], signature.params().get(i).type()));
            }
            ForeignValue result = callback.body().apply(args);
            if (signature.returns().kind() == CType.Kind.VOID) {
                return null;
            }
            return returned(result == null ? ForeignValue.NULL : result, signature.returns(), "callback " + signature.name());
        } catch (Throwable e) { // errors too (an AssertionError, a StackOverflowError): nothing may cross C
            failed(e);
            return zero(signature.returns());
        }
    }

    /** Keeps the first failure of the callback (or of the bridge's stub around it) for {@link #rethrow()}. */
    protected final void failed(Throwable thrown) {
        if (failure == null) {
            failure = thrown;
        }
    }

    /** An argument C passed, from the bridge's carrier. */
    protected abstract ForeignValue argument(Object carrier, CType type);

    /**
     * The bridge's carrier for what the callback returned.
     *
     * @param type the return type, not {@code void}
     * @param where {@code callback NAME}, for messages
     * @throws ForeignArgumentException the value cannot be of that type
     */
    protected abstract Object returned(ForeignValue value, CType type, String where);

    /** The bridge's carrier of zero (or a null pointer) for a type; {@code null} for {@code void}. */
    protected abstract Object zero(CType type);

    /** Throws what the callback threw, once C has returned; nothing if it did not throw. */
    public final void rethrow() {
        if (failure != null) {
            throw CCallback.failure(failure);
        }
    }
}

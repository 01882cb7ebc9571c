package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A Java function a C function can call back: pass it as a {@code ForeignValue.handle(...)} where the
 * C signature has a function pointer, e.g. {@code qsort}'s comparator.
 *
 * <p>The callback's arguments arrive as values: integers and floats as numbers, {@code const char*}
 * as a string, a pointer to a scalar ({@code const int*}) as the value it points to, {@code void*} as
 * its address. It returns what the signature says. It runs on the thread of the C call, for as long
 * as that call runs; an exception it throws cannot cross C, so the callback returns zero instead and
 * the call fails with that exception once C returns.
 */
@ProviderType
public final class CCallback implements ForeignHandle {

    private final CSignature signature;
    private final Function<List<ForeignValue>, ForeignValue> body;

    private CCallback(CSignature signature, Function<List<ForeignValue>, ForeignValue> body) {
        this.signature = signature;
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * A callback.
     *
     * @param signature its C signature, e.g. {@code int compare(const int* a, const int* b)}
     */
    public static CCallback of(String signature, Function<List<ForeignValue>, ForeignValue> body) {
        return new CCallback(CSignature.parse(signature), body);
    }

    public CSignature signature() {
        return signature;
    }

    public Function<List<ForeignValue>, ForeignValue> body() {
        return body;
    }

    /**
     * Checks that this callback can be passed for a function-pointer parameter: it returns the same
     * type and takes the same parameter types (names may differ).
     *
     * @param parameter the parameter's type, a function pointer
     * @param name the parameter's name, for the message
     * @param function the called function's name, for the message
     * @return the parameter's signature: the one C calls the callback with
     * @throws ForeignArgumentException the signatures differ
     */
    public CSignature checkPassableAs(CType parameter, String name, String function) {
        CSignature expected = parameter.function();
        if (!signature.returns().equals(expected.returns()) || !sameParameterTypes(signature, expected)) {
            throw new ForeignArgumentException("c", "argument '" + name + "' of " + function + " must be a callback "
                + expected.returns() + " (*)" + expected.parameterList() + ", not " + signature);
        }
        return expected;
    }

    private static boolean sameParameterTypes(CSignature a, CSignature b) {
        if (a.params().size() != b.params().size()) {
            return false;
        }
        for (int i = 0; i < a.params().size(); i++) {
            if (!a.params().get(i).type().equals(b.params().get(i).type())) {
                return false;
            }
        }
        return true;
    }

    /**
     * What to throw, once C has returned, for what a callback threw while C ran it: a
     * {@link ForeignException} as it is, anything else wrapped in one that says C got 0 instead.
     */
    static ForeignException failure(Throwable thrown) {
        if (thrown instanceof ForeignException e) {
            return e;
        }
        return new ForeignException("java", thrown.getClass().getName(), "the callback passed to C failed: "
            + thrown.getMessage() + " (C got 0 from it and went on)", List.of(), thrown);
    }

    @Override
    public String language() {
        return "java";
    }

    @Override
    public String typeName() {
        return "callback " + signature;
    }

    /** A callback holds nothing native: the stub C calls lives only as long as the call it is passed to. */
    @Override
    public boolean isReleased() {
        return false;
    }

    @Override
    public void release() {
        // nothing to free: see isReleased
    }
}

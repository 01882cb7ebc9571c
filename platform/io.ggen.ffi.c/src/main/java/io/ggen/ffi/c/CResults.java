package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a call of a C function gives back: what it returned, or, when it has out-parameters (pointers
 * C may write, for which the caller passed values), a map of {@value #RETURN} and, per such
 * parameter, what it holds after the call.
 */
@ProviderType
public final class CResults {

    /** The key of the returned value in a result with out-parameters. */
    public static final String RETURN = "return";

    private CResults() {
    }

    /**
     * The result of a call.
     *
     * @param returned what the function returned
     * @param outs the out-parameters' contents after the call, by parameter name, in order; may be empty
     */
    public static ForeignValue of(ForeignValue returned, Map<String, ForeignValue> outs) {
        if (outs.isEmpty()) {
            return returned;
        }
        Map<ForeignValue, ForeignValue> withOuts = new LinkedHashMap<>();
        withOuts.put(ForeignValue.of(RETURN), returned);
        outs.forEach((name, value) -> withOuts.put(ForeignValue.of(name), value));
        return ForeignValue.map(withOuts);
    }
}

package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.ggen.ffi.api.ForeignException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code errno} as C left it after a call — JNA keeps it per thread ({@code Native.getLastError()})
 * when the function is called without {@code Function.THROW_LAST_ERROR} — and its text from
 * {@code strerror}.
 */
final class JnaErrno {

    /** {@code strerror} from the C library the process already has; JNA's process library is never disposed. */
    private static final Function STRERROR = NativeLibrary.getProcess().getFunction("strerror");

    private JnaErrno() {
    }

    /** Whether a return value says the call failed: -1 for a signed integer, NULL for a pointer. */
    static boolean failed(Object carrier, boolean pointer) {
        return switch (carrier) {
            case null -> pointer;
            case Integer i -> i == -1;
            case Long l -> l == -1;
            case Short s -> s == -1;
            default -> false;
        };
    }

    static ForeignException exception(int errno, String function) {
        String text;
        try {
            Pointer message = (Pointer) STRERROR.invoke(Pointer.class, new Object[] {errno});
            text = message == null ? "unknown error" : new String(JnaTypes.cString(message), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // the number alone still says what happened
            text = "unknown error";
        }
        return new ForeignException("c", "errno " + errno, function + " failed: " + text + " (errno " + errno + ")", List.of(), null);
    }
}

package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.osgi.annotation.versioning.ProviderType;

/** C strings both ways: UTF-8, NUL-terminated, checked. */
@ProviderType
public final class CStrings {

    /** The module option choosing what happens to bytes from C that are not UTF-8. */
    public static final String INVALID_UTF8_OPTION = "invalid-utf8";

    /** What to do with bytes from C that are not UTF-8. */
    public enum InvalidUtf8 {
        /** Replace each bad sequence with U+FFFD (the default). */
        REPLACE,
        /** Fail the call with a {@link ForeignException} saying where. */
        REPORT;

        /** Reads the module option's value; {@code null} is the default. */
        public static InvalidUtf8 of(String option) {
            if (option == null || option.equalsIgnoreCase("replace")) {
                return REPLACE;
            }
            if (option.equalsIgnoreCase("report")) {
                return REPORT;
            }
            throw new ForeignArgumentException("c", INVALID_UTF8_OPTION + "=" + option + " is not an option; use replace or report");
        }
    }

    private CStrings() {
    }

    /**
     * The UTF-8 bytes of a string that C will read up to its NUL, without the NUL.
     *
     * @throws ForeignArgumentException the string holds a NUL character, which C would take as its end
     */
    public static byte[] utf8(String value, String parameter, String function) {
        requireNoNul(value, parameter, function);
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks that C will see all of a string.
     *
     * @throws ForeignArgumentException the string holds a NUL character, which C would take as its end
     */
    public static void requireNoNul(String value, String parameter, String function) {
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new ForeignArgumentException("c", "argument '" + parameter + "' of " + function
                + " contains a NUL character at index " + nul + "; a C string ends at its first NUL,"
                + " so the rest would be lost. Pass bytes (a pointer and a length) instead");
        }
    }

    /**
     * Decodes bytes a C function gave back.
     *
     * @throws ForeignException with {@link InvalidUtf8#REPORT}, the bytes are not UTF-8
     */
    public static String decode(byte[] bytes, InvalidUtf8 policy, String function) {
        if (policy == InvalidUtf8.REPLACE) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ForeignException("c", "InvalidUtf8", function + " returned " + bytes.length
                + " bytes that are not UTF-8 (" + e.getMessage() + "); set the module option "
                + INVALID_UTF8_OPTION + "=replace to get them with U+FFFD in place of bad sequences", java.util.List.of(), e);
        }
    }
}

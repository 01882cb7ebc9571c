package io.ggen.ffi.convert.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import java.io.Serial;

/**
 * A conversion that failed inside a list, map, record or bean: the message says where in the
 * value, e.g. {@code at [2].name: cannot convert the integer 5 to String}.
 */
final class LocatedArgumentException extends ForeignArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Where, from the outermost value: {@code [2].name}. */
    private final String path;
    /** What went wrong there. */
    private final String reason;

    private LocatedArgumentException(String language, String path, String reason, Throwable cause) {
        super(language, "at " + (path.startsWith(".") ? path.substring(1) : path) + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /**
     * The failure of a part, seen from the value that holds it.
     *
     * @param segment the part: {@code [2]} for an element, {@code .name} for a component or property,
     *     {@code ["key"]} for a map's entry
     */
    static LocatedArgumentException at(String segment, ForeignArgumentException failure) {
        if (failure instanceof LocatedArgumentException located) {
            return new LocatedArgumentException(located.language(), segment + located.path, located.reason,
                located.getCause());
        }
        return new LocatedArgumentException(failure.language(), segment, failure.foreignMessage(), failure);
    }

    /** The segment of a map's entry. */
    static String key(Object key) {
        return key instanceof String s ? "[\"" + s + "\"]" : "[" + key + "]";
    }
}

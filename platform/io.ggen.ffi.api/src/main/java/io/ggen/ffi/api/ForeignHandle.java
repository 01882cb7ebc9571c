package io.ggen.ffi.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reference to an object that lives in a foreign language: a guest object, a remote object, a
 * native resource. The bridge that created it owns it; callers release it when done, with
 * {@link #release()} or try-with-resources. Releasing twice is harmless.
 */
@ConsumerType
public interface ForeignHandle extends AutoCloseable {

    /** The language the object lives in. */
    String language();

    /** The object's type in its language, for messages and listings. */
    String typeName();

    /** Whether {@link #release()} has run. */
    boolean isReleased();

    /** Releases the foreign object. Idempotent. */
    void release();

    @Override
    default void close() {
        release();
    }

    /**
     * Calls a member (method) of the object.
     *
     * @throws ForeignException what the member threw, or a {@link ForeignArgumentException} when the
     *     bridge cannot call members of this object
     */
    default ForeignValue invoke(String member, List<ForeignValue> args) {
        throw new ForeignArgumentException(language(),
            "the " + language() + " bridge cannot call members of " + typeName() + " handles");
    }
}

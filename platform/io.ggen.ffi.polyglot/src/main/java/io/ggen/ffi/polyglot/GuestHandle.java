package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A guest object that has no neutral form, kept in the pooled context it lives in. A bridge
 * implements {@link #invoke} (take that context from the pool, convert, call);
 * {@link #release()} drops the reference so the guest's garbage collector can take the object.
 * The object dies with its context: after a cancelled call closed that context, or with the module.
 *
 * @param <C> the bridge's context type
 */
@ConsumerType
public abstract class GuestHandle<C extends PooledContext> implements ForeignHandle {

    private final C context;
    private final GuestLanguage language;
    private final String typeName;
    private volatile Value value;

    /**
     * Called while holding the context.
     *
     * @param typeName the object's type as the language names it
     */
    protected GuestHandle(Value value, C context, GuestLanguage language, String typeName) {
        this.value = value;
        this.context = context;
        this.language = language;
        this.typeName = typeName;
    }

    /** The type name of a guest object from its meta object; {@code fallback} when it has none. */
    public static String metaName(Value value, String fallback) {
        try {
            Value meta = value.getMetaObject();
            return meta == null ? fallback : meta.getMetaSimpleName();
        } catch (PolyglotException | UnsupportedOperationException e) {
            // A meta object without a name (e.g. a proxy that throws): it is still an object.
            return fallback;
        }
    }

    /** The context the object lives in. */
    public final C context() {
        return context;
    }

    /** The object, for passing it back to its context; fails when released. */
    public final Value value() {
        Value v = value;
        if (v == null) {
            throw new ForeignArgumentException(language.language(), "the " + language.displayName() + " "
                + typeName + " handle was released");
        }
        return v;
    }

    @Override
    public final String language() {
        return language.language();
    }

    @Override
    public final String typeName() {
        return typeName;
    }

    @Override
    public final boolean isReleased() {
        return value == null;
    }

    @Override
    public final void release() {
        value = null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + typeName + (isReleased() ? ", released]" : "]");
    }
}

package io.ggen.ffi.polyglot;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignHandle;
import io.ggen.ffi.api.ForeignValue;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A guest object that has no neutral form, kept in the pooled context it lives in.
 * {@link #invoke} takes that context from the pool for the time of the call, converts the
 * arguments, calls and converts the result through the bridge's hooks; {@link #release()} drops
 * the reference so the guest's garbage collector can take the object.
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

    /**
     * Calls a method of the object, or the object itself for the member {@code ""}, in the context it
     * lives in; guest errors come out as the platform's exceptions.
     */
    @Override
    public final ForeignValue invoke(String member, List<ForeignValue> args) {
        Value target = value();
        String what = "the call to " + typeName + (member.isEmpty() ? "" : "." + member);
        return pool().run(context, what, held -> {
            Object[] guestArgs = new Object[args.size()];
            for (int i = 0; i < guestArgs.length; i++) {
                guestArgs[i] = toGuest(args.get(i), held);
            }
            return toForeign(call(target, member, guestArgs), held);
        });
    }

    /** The pool of the context the object lives in. */
    protected abstract ContextPool<C> pool();

    /** An argument in the guest's form, in the held context. */
    protected abstract Object toGuest(ForeignValue value, C held);

    /** A result in neutral form, in the held context. */
    protected abstract ForeignValue toForeign(Value value, C held);

    /**
     * Calls the object ({@code member} empty) or its member, as the language does.
     *
     * @throws io.ggen.ffi.api.NoSuchFunctionException it has no such method, or is not callable
     */
    protected abstract Value call(Value target, String member, Object[] args);

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

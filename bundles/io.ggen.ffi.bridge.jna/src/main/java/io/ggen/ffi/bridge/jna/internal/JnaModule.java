package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CLibrary;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.c.CType;
import io.ggen.ffi.memory.NativeMemory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A C library loaded as a module, with the Panama bridge's module options and meaning
 * ({@code signature}, {@code signature.NAME}, {@code free}, {@code free.NAME}, {@code errno},
 * {@code invalid-utf8}; see the Panama bridge's {@code PanamaModule}). The module holds one use of
 * its library until it is closed; each call holds another while it runs.
 */
final class JnaModule implements GuestModule {

    static final String SIGNATURE = "signature";
    static final String FREE = "free";
    static final String ERRNO = "errno";

    private final CLibrary library;
    private final CountedLibrary loaded;
    private final Map<String, String> options;
    private final Map<String, CSignature> declared = new ConcurrentHashMap<>();
    private final NativeMemory memory;
    private final CStrings.InvalidUtf8 policy;
    private final Consumer<JnaModule> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes over one use of {@code loaded}: released by {@link #close()}. */
    JnaModule(CLibrary library, CountedLibrary loaded, Map<String, String> options, NativeMemory memory,
              Consumer<JnaModule> onClose) {
        this.library = library;
        this.loaded = loaded;
        this.options = options;
        this.memory = memory;
        this.onClose = onClose;
        this.policy = CStrings.InvalidUtf8.of(options.get(CStrings.INVALID_UTF8_OPTION));
        options.forEach((key, value) -> {
            if (key.equals(SIGNATURE) || key.startsWith(SIGNATURE + ".")) {
                CSignature signature = CSignature.parse(value);
                String name = key.equals(SIGNATURE) ? signature.name() : key.substring(SIGNATURE.length() + 1);
                if (!name.equals(signature.name())) {
                    throw new ForeignArgumentException("c", "the option " + key + " declares " + signature.name() + ", not " + name);
                }
                declared.put(name, signature);
            }
        });
    }

    @Override
    public Set<String> functions() {
        return new TreeSet<>(declared.keySet());
    }

    @Override
    public GuestFunction function(String name) {
        Function symbol = inUse(() -> symbol(name));
        CSignature signature = declared.get(name);
        if (signature != null) {
            return guarded(inUse(() -> bind(signature, symbol)));
        }
        // No signature: strings in, a string the library owns out, as many strings as the call passes.
        Map<Integer, JnaFunction> byArity = new ConcurrentHashMap<>();
        return guarded((args, context) -> byArity
            .computeIfAbsent(args.size(), arity -> bind(CSignature.stringFunction(name, arity), symbol))
            .call(args, context));
    }

    private Function symbol(String name) {
        try {
            return loaded.function(name);
        } catch (UnsatisfiedLinkError e) {
            throw new NoSuchFunctionException("c", "no function '" + name + "' in " + library.loaderName()
                + ": the library does not export that symbol" + (declared.isEmpty() ? "" : "; declared here: " + functions()));
        }
    }

    private JnaFunction bind(CSignature signature, Function symbol) {
        String name = signature.name();
        CType returns = signature.returns();
        Function free = null;
        String freeName = null;
        if (returns.isPointer() && !(returns.isString() && returns.pointee().constant())) {
            freeName = options.get(FREE + "." + name);
            if (freeName == null && returns.isString()) {
                freeName = options.getOrDefault(FREE, "free");
            }
            if (freeName != null && !freeName.equals("none")) {
                free = freeFunction(freeName, name);
            }
        }
        return new JnaFunction(signature, symbol, library.loaderName(),
            new JnaReturn(returns, free, freeName, memory, policy, loaded), errnoFor(name), policy);
    }

    /** The free function: the library's own (or one of its dependencies'), else the process's C library. */
    private Function freeFunction(String freeName, String function) {
        try {
            return loaded.function(freeName);
        } catch (UnsatisfiedLinkError notInLibrary) {
            try {
                return NativeLibrary.getProcess().getFunction(freeName);
            } catch (UnsatisfiedLinkError e) {
                throw new NoSuchFunctionException("c", "the free function '" + freeName + "' named for "
                    + function + " is neither in " + library.loaderName() + " nor in the C library");
            }
        }
    }

    private boolean errnoFor(String function) {
        String value = options.get(ERRNO);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        return value.equalsIgnoreCase("true") || value.equals("*") || List.of(value.split("\\s*,\\s*")).contains(function);
    }

    /** Runs {@code work} holding a use of the library, so that it cannot be disposed meanwhile. */
    private <T> T inUse(Supplier<T> work) {
        if (closed.get() || !loaded.retain()) {
            throw new BridgeUnavailableException("c", "the module of " + library.loaderName() + " was closed");
        }
        try {
            return work.get();
        } finally {
            loaded.release();
        }
    }

    private GuestFunction guarded(GuestFunction function) {
        return (args, context) -> inUse(() -> function.call(args, context));
    }

    /** Lets go of the library; calls running now finish, and the last user disposes it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            loaded.release();
            onClose.accept(this);
        }
    }
}

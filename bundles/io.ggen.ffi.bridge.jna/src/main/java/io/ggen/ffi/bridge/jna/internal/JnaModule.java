package io.ggen.ffi.bridge.jna.internal;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CLibrary;
import io.ggen.ffi.c.CModuleOptions;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.memory.NativeMemory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A C library loaded as a module, with the options every C bridge reads ({@link CModuleOptions}).
 * The module holds one use of its library until it is closed; each call holds another while it runs.
 */
final class JnaModule implements GuestModule {

    private final CLibrary library;
    private final CountedLibrary loaded;
    private final CModuleOptions options;
    private final NativeMemory memory;
    private final CStrings.InvalidUtf8 policy;
    private final Consumer<JnaModule> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Memory callees keep ({@code keep.NAME}): freed when the module closes. */
    private final List<Memory> kept = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** Takes over one use of {@code loaded}: released by {@link #close()}. */
    JnaModule(CLibrary library, CountedLibrary loaded, Map<String, String> options, NativeMemory memory,
              Consumer<JnaModule> onClose) {
        this.library = library;
        this.loaded = loaded;
        this.options = CModuleOptions.of(options);
        this.memory = memory;
        this.onClose = onClose;
        this.policy = this.options.invalidUtf8();
    }

    @Override
    public Set<String> functions() {
        return options.functions();
    }

    /** The declared functions' signatures in neutral type names ({@link CModuleOptions#signatures()}). */
    @Override
    public List<FunctionSignature> signatures() {
        return options.signatures();
    }

    @Override
    public GuestFunction function(String name) {
        Function symbol = inUse(() -> symbol(name));
        CSignature signature = options.declared(name).orElse(null);
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
            throw options.noSuchFunction(name, library);
        }
    }

    private JnaFunction bind(CSignature signature, Function symbol) {
        String freeName = options.freeFunction(signature).orElse(null);
        Function free = freeName == null ? null : freeFunction(freeName, signature.name());
        return new JnaFunction(signature, symbol, library.loaderName(),
            new JnaReturn(signature.returns(), free, freeName, memory, policy, loaded), options.errno(signature.name()), policy,
            options.kept(signature), kept);
    }

    /** The free function: the library's own (or one of its dependencies'), else the process's C library. */
    private Function freeFunction(String freeName, String function) {
        try {
            return loaded.function(freeName);
        } catch (UnsatisfiedLinkError notInLibrary) {
            try {
                return NativeLibrary.getProcess().getFunction(freeName);
            } catch (UnsatisfiedLinkError e) {
                throw CModuleOptions.noSuchFreeFunction(freeName, function, library);
            }
        }
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
            synchronized (kept) {
                kept.forEach(Memory::close);
                kept.clear();
            }
            loaded.release();
            onClose.accept(this);
        }
    }
}

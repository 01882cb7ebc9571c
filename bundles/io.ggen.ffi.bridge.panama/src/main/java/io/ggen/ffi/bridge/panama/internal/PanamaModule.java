package io.ggen.ffi.bridge.panama.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.spi.GuestFunction;
import io.ggen.ffi.api.spi.GuestModule;
import io.ggen.ffi.c.CLibrary;
import io.ggen.ffi.c.CModuleOptions;
import io.ggen.ffi.c.CSignature;
import io.ggen.ffi.c.CStrings;
import io.ggen.ffi.memory.NativeBlock;
import io.ggen.ffi.memory.NativeMemory;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A C library loaded as a module. Its functions are described by the module's options
 * ({@link CModuleOptions}); without a signature, a function takes strings and returns a string the
 * library allocated.
 */
final class PanamaModule implements GuestModule {

    private static final FunctionDescriptor FREE_DESCRIPTOR = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);

    private final CLibrary library;
    private final SymbolLookup symbols;
    private final CModuleOptions options;
    private final NativeMemory memory;
    private final CStrings.InvalidUtf8 policy;
    private final Consumer<PanamaModule> onClose;
    private final Queue<NativeBlock> kept = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    PanamaModule(CLibrary library, SymbolLookup symbols, Map<String, String> options, NativeMemory memory,
                 Consumer<PanamaModule> onClose) {
        this.library = library;
        this.symbols = symbols;
        this.options = CModuleOptions.of(options);
        this.memory = memory;
        this.policy = this.options.invalidUtf8();
        this.onClose = onClose;
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
        MemorySegment address = symbols.find(name).orElseThrow(() -> options.noSuchFunction(name, library));
        CSignature signature = options.declared(name).orElse(null);
        if (signature != null) {
            return bind(signature, address);
        }
        // No signature: strings in, a string the library owns out, as many strings as the call passes.
        Map<Integer, DynamicFunction> byArity = new ConcurrentHashMap<>();
        return (args, context) -> byArity
            .computeIfAbsent(args.size(), arity -> bind(CSignature.stringFunction(name, arity), address))
            .call(args, context);
    }

    private DynamicFunction bind(CSignature signature, MemorySegment address) {
        String freeName = options.freeFunction(signature).orElse(null);
        MethodHandle free = freeName == null ? null : freeFunction(freeName, signature.name());
        return new DynamicFunction(signature, address, this,
            new ReturnValue(signature.returns(), free, freeName, memory, policy), options.errno(signature.name()), policy,
            options.kept(signature), this::keep);
    }

    /** Memory a callee keeps: from the memory manager, released when the module closes. */
    private MemorySegment keep(long size, long alignment) {
        NativeBlock block = memory.allocate(size, alignment);
        kept.add(block);
        return block.segment();
    }

    private MethodHandle freeFunction(String freeName, String function) {
        MemorySegment address = symbols.find(freeName)
            .or(() -> Linker.nativeLinker().defaultLookup().find(freeName))
            .orElseThrow(() -> CModuleOptions.noSuchFreeFunction(freeName, function, library));
        return Linker.nativeLinker().downcallHandle(address, FREE_DESCRIPTOR);
    }

    /** Throws when the module is closed: its functions are not to be called any more. */
    void checkOpen() {
        if (closed) {
            throw new BridgeUnavailableException("c", "the module of " + library.loaderName() + " was closed");
        }
    }

    /** The library's name, for messages. */
    String libraryName() {
        return library.loaderName();
    }

    @Override
    public void close() {
        closed = true;
        for (NativeBlock block = kept.poll(); block != null; block = kept.poll()) {
            block.release();
        }
        onClose.accept(this);
    }
}

package io.ggen.ffi.bridge.panama.internal;

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
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A C library loaded as a module. Its functions are described by the module's options:
 * {@code signature} (one C declaration, the CLI's {@code --signature}) or {@code signature.NAME};
 * without one, a function takes strings and returns a string the library allocated.
 * {@code free} names the library's function that frees returned {@code char*} ({@code free} by
 * default, {@code none} to free nothing), {@code free.NAME} the one for a function's returned pointer;
 * {@code errno} ({@code true}, or function names) reports {@code errno} when a function returns -1 or
 * NULL; {@code invalid-utf8} is {@code replace} or {@code report}.
 */
final class PanamaModule implements GuestModule {

    static final String SIGNATURE = "signature";
    static final String FREE = "free";
    static final String ERRNO = "errno";

    private static final FunctionDescriptor FREE_DESCRIPTOR = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);

    private final CLibrary library;
    private final SymbolLookup symbols;
    private final Map<String, String> options;
    private final Map<String, CSignature> declared = new ConcurrentHashMap<>();
    private final NativeMemory memory;
    private final CStrings.InvalidUtf8 policy;
    private final java.util.function.Consumer<PanamaModule> onClose;
    private volatile boolean closed;

    PanamaModule(CLibrary library, SymbolLookup symbols, Map<String, String> options, NativeMemory memory,
                 java.util.function.Consumer<PanamaModule> onClose) {
        this.onClose = onClose;
        this.library = library;
        this.symbols = symbols;
        this.options = options;
        this.memory = memory;
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
        MemorySegment address = symbols.find(name).orElseThrow(() -> new NoSuchFunctionException("c",
            "no function '" + name + "' in " + library.loaderName() + ": the library does not export that symbol"
                + (declared.isEmpty() ? "" : "; declared here: " + functions())));
        CSignature signature = declared.get(name);
        if (signature != null) {
            return guarded(bind(signature, address));
        }
        // No signature: strings in, a string the library owns out, as many strings as the call passes.
        Map<Integer, DynamicFunction> byArity = new ConcurrentHashMap<>();
        return guarded((args, context) -> byArity
            .computeIfAbsent(args.size(), arity -> bind(CSignature.stringFunction(name, arity), address))
            .call(args, context));
    }

    private DynamicFunction bind(CSignature signature, MemorySegment address) {
        String name = signature.name();
        CType returns = signature.returns();
        MethodHandle free = null;
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
        return new DynamicFunction(signature, address, library.loaderName(),
            new ReturnValue(returns, free, freeName, memory, policy), errnoFor(name), policy);
    }

    private MethodHandle freeFunction(String freeName, String function) {
        MemorySegment address = symbols.find(freeName)
            .or(() -> Linker.nativeLinker().defaultLookup().find(freeName))
            .orElseThrow(() -> new NoSuchFunctionException("c", "the free function '" + freeName + "' named for "
                + function + " is neither in " + library.loaderName() + " nor in the C library"));
        return Linker.nativeLinker().downcallHandle(address, FREE_DESCRIPTOR);
    }

    private boolean errnoFor(String function) {
        String value = options.get(ERRNO);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        return value.equalsIgnoreCase("true") || value.equals("*") || List.of(value.split("\\s*,\\s*")).contains(function);
    }

    private GuestFunction guarded(GuestFunction function) {
        return (args, context) -> {
            if (closed) {
                throw new BridgeUnavailableException("c", "the module of " + library.loaderName() + " was closed");
            }
            return function.call(args, context);
        };
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
    }
}

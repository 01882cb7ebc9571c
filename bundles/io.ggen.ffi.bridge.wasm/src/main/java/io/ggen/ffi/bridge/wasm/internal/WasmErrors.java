package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.spi.CallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chicory's exceptions as the platform's, with short messages: what failed and why, never Chicory's
 * internals. A trap's foreign type names it ({@code IntegerDivideByZero}, {@code Unreachable},
 * {@code OutOfBoundsMemoryAccess}...); its frames are the WebAssembly functions it unwound through.
 */
final class WasmErrors {

    /** The class the compiler generates, whose methods {@code func_N} are the module's functions. */
    private static final String COMPILED_CLASS = "com.dylibso.chicory.$gen.CompiledMachine";
    private static final String COMPILED_METHOD = "func_";
    private static final int MAX_MESSAGE = 400;

    private final WasmAnatomy anatomy;
    private final String source;

    /**
     * @param source the module as frames name it, e.g. its file
     */
    WasmErrors(WasmAnatomy anatomy, String source) {
        this.anatomy = anatomy;
        this.source = source;
    }

    /**
     * A module that does not parse, validate, link or instantiate.
     *
     * @param describe the module, for the message
     */
    static ForeignException loading(Throwable e, String describe) {
        String lang = ChicoryWasmBridge.LANGUAGE;
        return switch (e) {
            case MalformedException m -> new ForeignException(lang, "MalformedModule", describe
                + " is not a WebAssembly module: " + shorten(m.getMessage()), List.of(), e);
            case InvalidException i -> new ForeignException(lang, "InvalidModule", describe
                + " does not validate: " + shorten(i.getMessage()), List.of(), e);
            case UnlinkableException u -> new ForeignException(lang, "UnlinkableModule", describe
                + " does not link: " + shorten(u.getMessage()), List.of(), e);
            case UninstantiableException u -> new ForeignException(lang, "UninstantiableModule", describe
                + " does not instantiate: " + shorten(u.getMessage()), List.of(), e);
            default -> new ForeignException(lang, "MalformedModule", describe + " is not a WebAssembly module: it is"
                + " truncated or corrupt (" + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + shorten(e.getMessage())) + ")", List.of(), e);
        };
    }

    /**
     * What the guest code threw.
     *
     * @param what the work that failed, e.g. {@code the call to add}
     * @param instance the instance it ran in, for its frames; or null
     * @param context the call's context, or null
     * @param closing whether the module is closing (a stopped call then says so)
     */
    ForeignException toForeign(Throwable e, String what, PooledInstance instance, CallContext context, boolean closing) {
        String lang = ChicoryWasmBridge.LANGUAGE;
        if (e instanceof ForeignException foreign) {
            return foreign;
        }
        if (e instanceof ChicoryInterruptedException || e.getCause() instanceof InterruptedException) {
            if (closing) {
                return new BridgeUnavailableException(lang, what + " was stopped: its module was closed", e);
            }
            return new ForeignCancellationException(lang, what + " was stopped: it "
                + (context != null && context.isCancelled() ? "timed out or was cancelled" : "was interrupted"), e);
        }
        List<ForeignFrame> frames = frames(e, instance);
        if (e instanceof LimitedMemory.MemoryLimitException limit) {
            return new ForeignException(lang, "MemoryLimit", what + " grew its memory to " + limit.requestedPages()
                + " pages, past the limit of " + limit.limitPages() + " pages (" + mebibytes(limit.limitPages())
                + ")" + RAISE_THE_MEMORY_LIMIT, frames, e);
        }
        if (e instanceof WasiExitException exit) {
            return new ForeignException(lang, "Exit", what + " exited with status " + exit.exitCode() + " (proc_exit)",
                frames, e);
        }
        if (e instanceof StackOverflowError) {
            return new ForeignException(lang, "CallStackExhausted", what + " trapped: call stack exhausted", frames, e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof com.dylibso.chicory.wasm.ChicoryException) {
            return new ForeignException(lang, trapType(message), what + " trapped: " + shorten(message), frames, e);
        }
        return new ForeignException(lang, e.getClass().getSimpleName(), what + " failed in the host: "
            + shorten(message), frames, e);
    }

    /**
     * {@code integer divide by zero} -> {@code IntegerDivideByZero}; {@code Trapped on unreachable instruction}
     * -> {@code Unreachable}; what follows a colon (details) is left out.
     */
    static String trapType(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        int detail = text.indexOf(':');
        if (detail > 0) {
            text = text.substring(0, detail); // "out of bounds memory access: attempted to access address..."
        }
        if (text.contains("unreachable")) {
            return "Unreachable";
        }
        StringBuilder type = new StringBuilder();
        for (String word : text.replaceFirst("^trapped on ", "").split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                type.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
            if (type.length() > 60) {
                break;
            }
        }
        return type.isEmpty() ? "Trap" : type.toString();
    }

    /** The WebAssembly functions a failure unwound through, innermost first, at most {@value TracingInterpreter#MAX_FRAMES}. */
    List<ForeignFrame> frames(Throwable e, PooledInstance instance) {
        List<ForeignFrame> frames = new ArrayList<>();
        if (instance != null && instance.instance().getMachine() instanceof TracingInterpreter interpreter) {
            for (int function : interpreter.unwound()) {
                frames.add(new ForeignFrame(anatomy.functionName(function), source, -1, -1));
            }
            return frames;
        }
        for (StackTraceElement element : e.getStackTrace()) {
            if (frames.size() == TracingInterpreter.MAX_FRAMES) {
                break;   // as the interpreter: a stack overflow's thousand frames say no more than the first ones
            }
            if (element.getClassName().startsWith(COMPILED_CLASS) && element.getMethodName().startsWith(COMPILED_METHOD)) {
                try {
                    int function = Integer.parseInt(element.getMethodName().substring(COMPILED_METHOD.length()));
                    frames.add(new ForeignFrame(anatomy.functionName(function), source, -1, -1));
                } catch (NumberFormatException notAFunction) {
                    // a helper method of the generated class, not a WebAssembly function: no frame of its own
                }
            }
        }
        return frames;
    }

    /** How to raise the memory limit, for the messages of modules that reach it. */
    static final String RAISE_THE_MEMORY_LIMIT = ": raise it with the module option " + WasmSettings.MAX_PAGES + "=PAGES or "
        + WasmSettings.MAX_PAGES + " in the configuration " + ChicoryWasmBridge.PID;

    static String mebibytes(int pages) {
        double mib = pages / 16.0;
        return (mib == Math.rint(mib) ? String.valueOf((long) mib) : String.valueOf(mib)) + " MiB";
    }

    static String shorten(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}

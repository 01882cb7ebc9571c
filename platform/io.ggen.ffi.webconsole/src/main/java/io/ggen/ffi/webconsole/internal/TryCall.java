package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignCancellationException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignTimeoutException;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.NoSuchFunctionException;
import io.ggen.ffi.convert.json.ForeignJson;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.CallOutcome.Returned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.service.log.Logger;

/**
 * Runs the "Try a call" form: checks the input, loads the code through the {@link ForeignRuntime},
 * calls the function with the timeout given, closes the module, and says how it went. Never throws.
 */
final class TryCall {

    /** The least time a module gets to load: the first module of a language takes a second or two. */
    static final Duration MIN_LOAD_PATIENCE = Duration.ofSeconds(10);

    private final ForeignRuntime runtime;
    private final Logger logger;
    private final Duration minLoadPatience;

    TryCall(ForeignRuntime runtime, Logger logger, Duration minLoadPatience) {
        this.runtime = runtime;
        this.logger = logger;
        this.minLoadPatience = minLoadPatience;
    }

    CallOutcome run(CallForm form) {
        if (form.language().isEmpty()) {
            return Failed.of("Bad input", "choose a language");
        }
        if (form.function().isEmpty()) {
            return Failed.of("Bad input", "name the function to call");
        }
        Duration timeout;
        List<ForeignValue> args;
        try {
            timeout = Timeouts.parse(form.timeout());
            args = arguments(form.arguments());
        } catch (IllegalArgumentException e) {
            return Failed.of("Bad input", e.getMessage());
        }
        try {
            ModuleSpec module = ModuleSpec.code(form.language(), form.code());
            CallOptions options = form.pure() ? CallOptions.timeout(timeout).withPure() : CallOptions.timeout(timeout);
            return call(form.isolated() ? module.isolated() : module, form.function(), args, options);
        } catch (ForeignException e) {
            return new Failed(kind(e), e.getMessage(), e.foreignType(), e.foreignFrames());
        } catch (RuntimeException e) {
            logger.warn("GGen FFI console: the call to {} failed unexpectedly", form.function(), e);
            return Failed.of("Internal error", e.getClass().getName() + ": " + e.getMessage()
                + " (the container's log has the stack trace)");
        }
    }

    /** One JSON value per non-blank line. */
    static List<ForeignValue> arguments(String text) {
        List<ForeignValue> args = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                args.add(ForeignJson.parse(line));
            } catch (ForeignException e) {
                throw new IllegalArgumentException("argument line " + (i + 1) + " is not valid JSON: "
                    + e.foreignMessage() + " (write one JSON value per line, e.g. 42, \"text\", [1, 2], {\"a\": true})");
            }
        }
        return args;
    }

    private CallOutcome call(ModuleSpec spec, String function, List<ForeignValue> args, CallOptions options) {
        // Loading runs the code's top level; the first module of a language also warms its engine up,
        // so the load gets at least MIN_LOAD_PATIENCE before the bridge stops it.
        try (ForeignModule module = runtime.load(spec, CallOptions.timeout(patience(options.timeout().orElseThrow())))) {
            var fn = module.function(function);
            long start = System.nanoTime();
            ForeignValue result = fn.invoke(args, options);
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            return result instanceof ForeignValue.StringValue s
                ? new Returned(module.bridgeName(), s.value(), false, micros)
                : new Returned(module.bridgeName(), ForeignJson.toPrettyJson(result), true, micros);
        }
    }

    private Duration patience(Duration timeout) {
        return timeout.compareTo(minLoadPatience) > 0 ? timeout : minLoadPatience;
    }

    /** What kind of failure, in the words the page shows. */
    static String kind(ForeignException e) {
        return switch (e) {
            case ForeignTimeoutException _ -> "Timed out";
            case ForeignCancellationException _ -> "Cancelled";
            case BridgeUnavailableException _ -> "No bridge";
            case NoSuchFunctionException _ -> "No such function";
            case ForeignArgumentException _ -> "Bad argument";
            default -> "Foreign error";
        };
    }
}

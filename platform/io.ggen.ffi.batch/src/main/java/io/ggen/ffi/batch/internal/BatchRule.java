package io.ggen.ffi.batch.internal;

import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.CallInterceptor;
import io.ggen.ffi.api.spi.FunctionId;
import io.ggen.ffi.api.spi.Invocation;
import org.osgi.framework.Constants;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Turns micro-batching on for a function: one factory configuration
 * ({@code io.ggen.ffi.batch.function~NAME}) per function, each an interceptor that gathers the
 * concurrent calls to its function (see {@link MicroBatchInterceptor}). Ranking -1001: inside
 * the per-call interceptor, so a call's own options win. None by default: then nothing is added
 * to any call.
 */
@Component(service = CallInterceptor.class, configurationPid = BatchRule.FACTORY_PID,
           configurationPolicy = ConfigurationPolicy.REQUIRE,
           property = {Constants.SERVICE_RANKING + ":Integer=-1001", "interceptor.name=batch.rule"})
@Designate(ocd = BatchRule.Configuration.class, factory = true)
public final class BatchRule implements CallInterceptor {

    static final String FACTORY_PID = "io.ggen.ffi.batch.function";

    @ObjectClassDefinition(name = "GGen FFI micro-batching of a function",
        description = "Gathers concurrent calls to one function into batches.")
    @interface Configuration {
        @AttributeDefinition(name = "Function", description = "The function's name (required).")
        String function() default "";

        @AttributeDefinition(name = "Module", required = false,
            description = "The module as ffi:metrics shows it (a file's absolute path, a name); empty: any module.")
        String module() default "";

        @AttributeDefinition(name = "Bridge", required = false, description = "The bridge.name; empty: any bridge.")
        String bridge() default "";

        @AttributeDefinition(name = "Window (ms)", min = "0",
            description = "How long the first call of a batch waits for others.")
        long window_ms() default 2;

        @AttributeDefinition(name = "Maximum batch size", min = "1",
            description = "A batch goes out at once when it holds this many calls.")
        int max_size() default BatchSettings.DEFAULT_MAX_SIZE;
    }

    private final String function;
    private final String module;
    private final String bridge;
    private final BatchSettings settings;
    private final Batchers batchers = new Batchers();

    @Activate
    public BatchRule(Configuration configuration) {
        this(configuration.function(), configuration.module(), configuration.bridge(),
            configuration.window_ms(), configuration.max_size());
    }

    BatchRule(String function, String module, String bridge, long windowMillis, int maxSize) {
        if (function == null || function.isBlank()) {
            throw new IllegalArgumentException(FACTORY_PID + ": set function to the name of the function to batch");
        }
        this.function = function.strip();
        this.module = module == null ? "" : module.strip();
        this.bridge = bridge == null ? "" : bridge.strip();
        try {
            this.settings = new BatchSettings(Duration.ofMillis(windowMillis), maxSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FACTORY_PID + " for " + function + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ForeignValue intercept(Invocation invocation, Chain next) {
        return matches(invocation.functionId()) ? batchers.call(invocation, next, settings) : next.proceed();
    }

    boolean matches(FunctionId id) {
        return function.equals(id.function()) && (module.isEmpty() || module.equals(id.module()))
            && (bridge.isEmpty() || bridge.equals(id.bridge()));
    }

    @Override
    public String toString() {
        return "BatchRule[" + function + (module.isEmpty() ? "" : " in " + module)
            + (bridge.isEmpty() ? "" : " on " + bridge) + ": " + settings + "]";
    }
}

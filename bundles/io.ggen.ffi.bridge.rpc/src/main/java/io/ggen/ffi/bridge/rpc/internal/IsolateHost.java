package io.ggen.ffi.bridge.rpc.internal;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.ForeignBridge;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The isolate's side: the launcher's hidden {@code isolate-host} command (a command-line service,
 * {@code ggen.cli=isolate-host}). It serves one module over protocol 1, frames on stdin and on the
 * descriptor the launcher set aside for them ({@code --protocol-out}; the launcher pointed stdout
 * at stderr, so what native code prints cannot break the framing). It exits at once when stdin
 * closes: an isolate never outlives the platform that started it.
 */
@Component(service = Function.class, property = "ggen.cli=" + IsolateHost.COMMAND)
public final class IsolateHost implements Function<String[], Integer> {

    /** The launcher command that runs an isolate. */
    static final String COMMAND = "isolate-host";
    /** Its argument: a bundle to install besides the core, by location. */
    static final String BUNDLE = "--bundle";
    /** Its argument: the file the frames are written to. */
    static final String PROTOCOL_OUT = "--protocol-out";

    private final BundleContext context;
    private final Logger logger;

    @Activate
    public IsolateHost(@Reference(service = LoggerFactory.class) Logger logger) {
        this.context = FrameworkUtil.getBundle(IsolateHost.class).getBundleContext();
        this.logger = logger;
    }

    @Override
    public Integer apply(String[] args) {
        String out = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(PROTOCOL_OUT)) {
                out = args[i + 1];
            }
        }
        if (out == null) {
            System.err.println("ggen isolate-host: the launcher runs it with " + PROTOCOL_OUT + " FILE; it is not a"
                + " command for people (modules run isolated with the option isolation=process)");
            return 2;
        }
        try (OutputStream frames = new FileOutputStream(Path.of(out).toFile())) {
            new IsolateSession(this::bridge, System.in, frames, logger).serve();
        } catch (IOException e) {
            System.err.println("ggen isolate-host: cannot write frames to " + out + ": " + e.getMessage());
            return 1;
        }
        // stdin closed or exit: end now, whatever guest code still runs (it may be stuck in native code)
        Runtime.getRuntime().halt(0);
        return 0;
    }

    /** The bridge of that name, waited for while its bundle starts. */
    private ForeignBridge bridge(String language, String name) {
        String filter = "(&(objectClass=" + ForeignBridge.class.getName() + ")(" + ForeignBridge.NAME + "=" + name + "))";
        ServiceTracker<ForeignBridge, ForeignBridge> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("the bridge name '" + name + "' cannot be looked up: " + e.getMessage(), e);
        }
        tracker.open();
        try {
            ForeignBridge bridge = tracker.waitForService(30_000);
            if (bridge == null) {
                throw new ForeignException(language, "BridgeUnavailable", "the isolate has no bridge named '" + name
                    + "' (its bundle did not start within 30 s; see the isolate's log lines)");
            }
            return bridge;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignException(language, "BridgeUnavailable", "interrupted while waiting for " + name);
        }
    }

    /** The spec the parent sent. */
    static ModuleSpec spec(RpcMessages.ModuleParams module) {
        ModuleSpec spec = switch (ModuleSpec.SourceKind.valueOf(module.kind())) {
            case CODE -> ModuleSpec.code(module.language(), module.source());
            case FILE -> ModuleSpec.file(module.language(), Path.of(module.source()));
            case NAME -> ModuleSpec.named(module.language(), module.source());
            case BYTES -> ModuleSpec.bytes(module.language(), Base64.getDecoder().decode(module.source()));
        };
        spec = spec.withBridge(module.bridge());
        for (var option : module.options().entrySet()) {
            spec = spec.withOption(option.getKey(), option.getValue());
        }
        return spec;
    }
}

package io.ggen.ffi.shell.internal;

import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.tracing.Recording;
import io.ggen.ffi.tracing.TraceRecorder;
import java.io.PrintWriter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * {@code ggen test-ffi --trace}: a recording of the tracing bundle around the load and the calls,
 * its span tree printed on stderr when closed. The only class of the shell that uses the tracing
 * bundle's package, which the shell imports optionally: without the bundle, {@link #start} says so.
 */
final class CallTrace implements AutoCloseable {

    static final String TRACING_BUNDLE = "io.ggen.ffi.tracing";
    private static final String RECORDER = "io.ggen.ffi.tracing.TraceRecorder";

    private final BundleContext context;
    private final ServiceReference<?> reference;
    private final Recording recording;
    private final PrintWriter err;

    private CallTrace(BundleContext context, ServiceReference<?> reference, Recording recording, PrintWriter err) {
        this.context = context;
        this.reference = reference;
        this.recording = recording;
        this.err = err;
    }

    /**
     * Starts a recording with a root span of this name; null, having said why on {@code err}, when the
     * tracing bundle is not there.
     */
    static CallTrace start(String name, PrintWriter err) {
        Bundle bundle = FrameworkUtil.getBundle(CallTrace.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        ServiceReference<?> reference = context == null ? null : context.getServiceReference(RECORDER);
        if (reference == null) {
            return unavailable(err, "--trace needs the tracing bundle " + TRACING_BUNDLE
                + ", which is not installed or not active (see 'ggen status')");
        }
        try {
            if (context.getService(reference) instanceof TraceRecorder recorder) {
                return new CallTrace(context, reference, recorder.start(name), err);
            }
        } catch (NoClassDefFoundError e) {
            // the shell bundle was resolved before the tracing bundle was installed: said below
        }
        context.ungetService(reference);
        return unavailable(err, "--trace: the shell bundle does not see the tracing bundle " + TRACING_BUNDLE
            + " (installed after it); refresh the shell bundle or restart the container");
    }

    private static CallTrace unavailable(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return null;
    }

    /**
     * Loads the module with the recording's attribute: the runtime's load is traced into it, as a
     * {@code load LANGUAGE} span (with the bridge, the module and its isolation); a module the
     * container already holds is shared, not loaded, and has none.
     */
    ForeignModule load(ForeignRuntime runtime, ModuleSpec module, CallOptions options) {
        return runtime.load(module, recording.callOptions(options));
    }

    /** The options with the recording's attribute: calls made with them are traced into it. */
    CallOptions callOptions(CallOptions options) {
        return recording.callOptions(options);
    }

    /** Ends the recording and prints its span tree on stderr. */
    @Override
    public void close() {
        try (recording) {
            err.print(recording.finish().format());
            err.flush();
        } finally {
            context.ungetService(reference);
        }
    }
}

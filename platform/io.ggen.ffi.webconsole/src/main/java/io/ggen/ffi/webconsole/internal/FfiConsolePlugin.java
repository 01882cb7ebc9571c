package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.RecentCalls.Kept;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The GGen FFI page of the Felix Web Console ({@code /system/console/ggen-ffi}): bridges, a form to
 * try a call, call metrics. The console authenticates the user and wraps GET responses in its
 * template; a POST runs the call, keeps the outcome in {@link RecentCalls} and redirects to
 * {@code ?call=<id>}, which shows the form as posted with the outcome.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + FfiConsolePlugin.LABEL,
    "felix.webconsole.title=GGen FFI",
    "felix.webconsole.category=GGen FFI"})
public final class FfiConsolePlugin extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String LABEL = "ggen-ffi";
    static final String CALL = "call";
    static final int KEPT_CALLS = 32;
    /** The console's request attribute with the plugin's path, e.g. {@code /system/console/ggen-ffi}. */
    private static final String PLUGIN_ROOT = "felix.webconsole.pluginRoot";

    private final transient ForeignRuntime runtime;
    private final transient Supplier<CallMetrics> metricsSupplier;
    private final transient Supplier<NativeMemoryMonitor> memorySupplier;
    private final transient TryCall tryCall;
    private final transient RecentCalls recent = new RecentCalls(KEPT_CALLS);
    private final String token = RecentCalls.randomId(18);
    private final transient Logger logger;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient CallMetrics metrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient NativeMemoryMonitor memory;

    @Activate
    public FfiConsolePlugin(@Reference ForeignRuntime runtime, @Reference(service = LoggerFactory.class) Logger logger) {
        this.runtime = runtime;
        this.logger = logger;
        this.metricsSupplier = () -> metrics;
        this.memorySupplier = () -> memory;
        this.tryCall = new TryCall(runtime, logger, TryCall.MIN_LOAD_PATIENCE);
    }

    /** For tests: metrics and native memory from the suppliers, loads given {@code minLoadPatience}. */
    FfiConsolePlugin(ForeignRuntime runtime, Logger logger, Supplier<CallMetrics> metrics,
                     Supplier<NativeMemoryMonitor> memory, Duration minLoadPatience) {
        this.runtime = runtime;
        this.logger = logger;
        this.metricsSupplier = metrics;
        this.memorySupplier = memory;
        this.tryCall = new TryCall(runtime, logger, minLoadPatience);
    }

    String token() {
        return token;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<BridgeInfo> bridges = runtime.bridges();
        String id = request.getParameter(CALL);
        Optional<Kept> entry = id == null ? Optional.empty() : recent.get(id);
        String notice = id != null && entry.isEmpty()
            ? "That call's outcome is no longer kept (the page keeps the last " + KEPT_CALLS + " calls): call again." : null;
        CallForm form = entry.map(Kept::form).orElseGet(() -> CallForm.empty(bridges));
        CallSection call = new CallSection(form, entry.map(Kept::outcome).orElse(null), pluginRoot(request), token);
        String html;
        try {
            html = ConsolePage.render(new ConsolePage.Model(bridges, metricsSupplier.get(), memorySupplier.get(), call, notice));
        } catch (RuntimeException e) { // e.g. the metrics service going away while read: say so, no error page
            logger.warn("GGen FFI console: could not render the page", e);
            html = "<p class=\"statline ui-state-error\">The GGen FFI page could not be shown: "
                + org.owasp.encoder.Encode.forHtml(String.valueOf(e)) + ". Reload it; the container's log has the details.</p>";
        }
        response.getWriter().write(html);
    }

    /** Runs the call and redirects to the page that shows it; never fails, whatever was posted. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallOutcome outcome;
        CallForm form;
        try {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            form = CallForm.from(request::getParameter);
            outcome = tokenMatches(request.getParameter(CallSection.TOKEN)) ? tryCall.run(form)
                : Failed.of("Form out of date", "the form came from an earlier start of the console, or another site:"
                    + " nothing was called. Check the values and call again.");
        } catch (RuntimeException e) { // a request the container cannot read, e.g. a malformed body
            logger.warn("GGen FFI console: could not read the posted form", e);
            form = new CallForm(null, null, null, null, null);
            outcome = Failed.of("Bad input", "the form could not be read: " + e.getMessage());
        }
        String id = recent.put(new Kept(form, outcome));
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", pluginRoot(request) + "?" + CALL + "=" + id + "#ggen-outcome");
    }

    private boolean tokenMatches(String posted) {
        return posted != null && MessageDigest.isEqual(posted.getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8));
    }

    private static String pluginRoot(HttpServletRequest request) {
        return request.getAttribute(PLUGIN_ROOT) instanceof String root ? root : request.getRequestURI();
    }
}

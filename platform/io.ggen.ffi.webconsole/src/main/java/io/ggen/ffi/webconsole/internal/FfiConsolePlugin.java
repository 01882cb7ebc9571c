package io.ggen.ffi.webconsole.internal;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ProcessPools;
import io.ggen.ffi.memory.NativeMemoryMonitor;
import io.ggen.ffi.webconsole.internal.CallOutcome.Failed;
import io.ggen.ffi.webconsole.internal.ConsolePage.Section;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The GGen FFI page of the Felix Web Console ({@code /system/console/ggen-ffi}): bridges and their
 * bundles, rankings and default isolation, a form to try a call, worker pools and isolates, the
 * cache, call metrics with latency charts, native memory and leaks, stuck calls. The console
 * authenticates every request, GET and POST, and wraps GET responses in its template. Every POST
 * carries the page's token (a random value per start of the component, so other sites cannot post
 * through a logged-in browser) and redirects (303) to a GET that shows what it did: a call's outcome
 * at {@code ?call=<id>}, an action's {@link Notice} at {@code ?notice=<id>}.
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
    static final String NOTICE = "notice";
    static final int KEPT = 32;
    /** The console's request attribute with the plugin's path, e.g. {@code /system/console/ggen-ffi}. */
    private static final String PLUGIN_ROOT = "felix.webconsole.pluginRoot";

    private final transient Services services;
    private final transient TryCall tryCall;
    private final transient BridgeManagement bridges;
    private final transient Actions actions;
    private final transient Recent<PostedCall> calls = new Recent<>(KEPT);
    private final transient Recent<Notice> notices = new Recent<>(KEPT);
    private final String token = Recent.randomId(18);
    private final transient Logger logger;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient CallMetrics metrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient NativeMemoryMonitor memory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient CallCache cache;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient List<ProcessPools> pools;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient ServiceComponentRuntime components;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile transient ConfigurationAdmin configurations;

    @Activate
    public FfiConsolePlugin(@Reference ForeignRuntime runtime, @Reference(service = LoggerFactory.class) Logger logger,
                            BundleContext context) {
        this.logger = logger;
        this.services = new Services(runtime, context, () -> metrics, () -> memory, () -> cache, () -> pools,
            () -> components, () -> configurations);
        this.tryCall = new TryCall(runtime, logger, TryCall.MIN_LOAD_PATIENCE);
        this.bridges = new BridgeManagement(services, BridgeManagement.PATIENCE);
        this.actions = new Actions(services, bridges);
    }

    /** For tests: the services given, loads given {@code minLoadPatience}, actions wait {@code patience}. */
    FfiConsolePlugin(Services services, Logger logger, Duration minLoadPatience, Duration patience) {
        this.logger = logger;
        this.services = services;
        this.tryCall = new TryCall(services.runtime(), logger, minLoadPatience);
        this.bridges = new BridgeManagement(services, patience);
        this.actions = new Actions(services, bridges);
    }

    String token() {
        return token;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<BridgeInfo> present = services.runtime().bridges();
        String callId = request.getParameter(CALL);
        String noticeId = request.getParameter(NOTICE);
        Optional<PostedCall> posted = callId == null ? Optional.empty() : calls.get(callId);
        Notice notice = null;
        if (callId != null && posted.isEmpty()) {
            notice = Notice.failed("That call's outcome is no longer kept (the page keeps the last " + KEPT
                + " calls): call again.");
        } else if (noticeId != null) {
            notice = notices.get(noticeId).orElse(Notice.failed("What that action did is no longer kept (the page keeps"
                + " the last " + KEPT + "): the page below shows how things are now."));
        }
        CallForm form = posted.map(PostedCall::form).orElseGet(() -> CallForm.empty(present));
        CallSection call = new CallSection(form, posted.map(PostedCall::outcome).orElse(null), pluginRoot(request), token);
        Forms forms = new Forms(pluginRoot(request), token);
        response.getWriter().write(ConsolePage.render(notice, sections(present, call, forms), logger));
    }

    private List<Section> sections(List<BridgeInfo> present, CallSection call, Forms forms) {
        return List.of(
            new Section("ggen-section-bridges", "Bridges", html -> {
                DefaultIsolation isolation = bridges.isolation();
                BridgesSection.render(html, bridges.rows(present, isolation), isolation, forms);
            }),
            new Section("ggen-section-call", "Try a call", html -> call.render(html, present)),
            new Section("ggen-section-pools", "Worker pools and isolates",
                html -> PoolsSection.render(html, services.poolProviders(), forms, Instant.now())),
            new Section("ggen-section-cache", "Cache", html -> CacheSection.render(html, services.cache().get(), forms)),
            new Section("ggen-section-metrics", "Call metrics",
                html -> MetricsSection.render(html, services.metrics().get(), ZoneId.systemDefault())),
            new Section("ggen-section-memory", "Native memory and leaks",
                html -> MemorySection.render(html, services.memory().get())),
            new Section("ggen-section-stuck", "Stuck calls", html -> StuckCallsSection.render(html, services.metrics().get())));
    }

    /**
     * Checks the token, then runs the call or the action, keeps what it did and redirects to the page
     * that shows it; never fails, whatever was posted.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Function<String, String> parameters = request::getParameter;
        String unreadable = null;
        try {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            parameters.apply(CallSection.TOKEN); // reads the body: a malformed one fails here
        } catch (RuntimeException e) {
            logger.warn("GGen FFI console: could not read the posted form", e);
            unreadable = "the form could not be read: " + e.getMessage();
            parameters = name -> null;
        }
        boolean trusted = tokenMatches(parameters.apply(CallSection.TOKEN));
        String location = parameters.apply(Actions.ACTION) == null
            ? "?" + CALL + "=" + calls.put(call(parameters, trusted, unreadable)) + "#ggen-outcome"
            : "?" + NOTICE + "=" + notices.put(act(parameters, trusted));
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", pluginRoot(request) + location);
    }

    private PostedCall call(Function<String, String> parameters, boolean trusted, String unreadable) {
        CallForm form = CallForm.from(parameters);
        if (unreadable != null) {
            return new PostedCall(form, Failed.of("Bad input", unreadable));
        }
        return new PostedCall(form, trusted ? tryCall.run(form) : Failed.of("Form out of date", "the form came from an"
            + " earlier start of the console, or another site: nothing was called. Check the values and call again."));
    }

    private Notice act(Function<String, String> parameters, boolean trusted) {
        String action = parameters.apply(Actions.ACTION);
        if (!trusted) {
            logger.warn("GGen FFI console: refused the action {}: the form's token is missing or out of date",
                oneLine(action));
            return Notice.failed("Form out of date: the form came from an earlier start of the console, or another site."
                + " Nothing was done; reload the page and try again.");
        }
        Notice notice;
        try {
            notice = actions.run(parameters);
        } catch (RuntimeException e) { // a service failing under the action: say so, no error page
            logger.warn("GGen FFI console: the action {} failed", oneLine(action), e);
            notice = Notice.failed("Could not do " + action + ": " + e + " (the container's log has the details)");
        }
        logger.info("GGen FFI console: {}: {}", oneLine(action), oneLine(notice.text()));
        return notice;
    }

    /** Posted text as one line, so that it cannot forge lines of the log. */
    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\r\\n]+", " ");
    }

    private boolean tokenMatches(String posted) {
        return posted != null && MessageDigest.isEqual(posted.getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8));
    }

    private static String pluginRoot(HttpServletRequest request) {
        return request.getAttribute(PLUGIN_ROOT) instanceof String root ? root : request.getRequestURI();
    }
}

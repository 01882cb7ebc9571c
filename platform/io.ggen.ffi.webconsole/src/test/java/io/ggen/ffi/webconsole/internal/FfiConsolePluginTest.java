package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ggen.ffi.api.CallCache;
import io.ggen.ffi.api.CallMetrics;
import io.ggen.ffi.api.ProcessPools;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

/**
 * The servlet: a POST calls or acts and redirects, the GET it redirects to shows the outcome; every
 * POST needs the page's token.
 */
class FfiConsolePluginTest {

    private static final String ROOT = "/system/console/ggen-ffi";

    private final FakeRuntime runtime = new FakeRuntime();
    private final AtomicReference<CallMetrics> metrics = new AtomicReference<>(new FakeMetrics());
    private final AtomicReference<CallCache> cache = new AtomicReference<>(new FakeCache());
    private final FakePools pools = new FakePools();
    private final FakeFramework framework;
    private final FfiConsolePlugin plugin;

    FfiConsolePluginTest() throws Exception {
        framework = new FakeFramework();
        framework.bundle(7, "io.ggen.ffi.bridge.js", "1.0.0", Bundle.ACTIVE, true);
        plugin = new FfiConsolePlugin(new Services(runtime, framework.context, metrics::get, () -> null, cache::get,
            () -> List.<ProcessPools>of(pools), () -> framework.scr, () -> framework.configAdmin), mock(Logger.class),
            Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    private HttpServletRequest request(Map<String, String> parameters) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getParameter(anyString())).thenAnswer(call -> parameters.get(call.<String>getArgument(0)));
        when(request.getAttribute("felix.webconsole.pluginRoot")).thenReturn(ROOT);
        return request;
    }

    /** POSTs the form; returns the Location it redirects to. */
    private String post(Map<String, String> form) throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        plugin.doPost(request(form), response);
        verify(response).setStatus(HttpServletResponse.SC_SEE_OTHER);
        ArgumentCaptor<String> location = ArgumentCaptor.forClass(String.class);
        verify(response).setHeader(org.mockito.ArgumentMatchers.eq("Location"), location.capture());
        return location.getValue();
    }

    private String get(Map<String, String> parameters) throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        StringWriter body = new StringWriter();
        when(response.getWriter()).thenReturn(new PrintWriter(body));
        plugin.doGet(request(parameters), response);
        return body.toString();
    }

    /** The page a call's POST leads to. */
    private String postAndFollow(Map<String, String> form) throws Exception {
        String location = post(form);
        assertThat(location).matches(ROOT + "\\?call=[\\w-]{16}#ggen-outcome");
        return get(Map.of("call", location.substring(location.indexOf('=') + 1, location.indexOf('#'))));
    }

    /** The page an action's POST leads to. */
    private String act(Map<String, String> form) throws Exception {
        String location = post(form);
        assertThat(location).matches(ROOT + "\\?notice=[\\w-]{16}");
        return get(Map.of("notice", location.substring(location.indexOf('=') + 1)));
    }

    private Map<String, String> form(String function, String arguments) {
        Map<String, String> form = new HashMap<>(Map.of("language", "javascript", "code", "function test() {}",
            "function", function, "arguments", arguments, "timeout", "3s"));
        form.put("token", plugin.token());
        return form;
    }

    private Map<String, String> clearAdd(String token) {
        Map<String, String> form = new HashMap<>(Map.of("action", "clear-function", "bridge", "graaljs",
            "module", FakeCache.MODULE, "function", "add"));
        if (token != null) {
            form.put("token", token);
        }
        return form;
    }

    @Test
    void theFirstPageHasEverySectionAndAnEmptyFormForJavaScript() throws Exception {
        String html = get(Map.of());
        assertThat(html).contains("<option value=\"javascript\" selected=\"selected\">")
            .contains("name=\"timeout\" value=\"5s\"").contains("value=\"" + plugin.token() + "\"")
            .contains(">Bridges</h2>", ">Try a call</h2>", ">Worker pools and isolates</h2>", ">Cache</h2>",
                ">Call metrics</h2>", ">Native memory and leaks</h2>", ">Stuck calls</h2>")
            .contains("data-bridge=\"graaljs\"", "data-pool=\"w1\"", "id=\"ggen-cache-functions\"", "id=\"ggen-charts\"",
                "id=\"ggen-stuck-total\"", "id=\"ggen-memory-off\"")
            .doesNotContain("ggen-outcome\"").doesNotContain("id=\"ggen-notice\"");
    }

    @Test
    void aPostCallsThenShowsTheResultWithTheFormAsPosted() throws Exception {
        String html = postAndFollow(form("greet", ""));
        assertThat(html).contains("<pre id=\"ggen-result\">JS works &lt;b&gt;&amp;&lt;/b&gt;</pre>")
            .contains("\nfunction test() {}</textarea>").contains("value=\"greet\"").contains("value=\"3s\"");
        assertThat(runtime.open).hasValue(0);
        assertThat(runtime.options.isPure()).isFalse();
    }

    @Test
    void thePureBoxDeclaresTheCallPure() throws Exception {
        Map<String, String> form = form("greet", "");
        form.put("pure", "on");
        assertThat(postAndFollow(form)).contains("id=\"ggen-pure-note\"").contains("name=\"pure\" checked/>");
        assertThat(runtime.options.isPure()).isTrue();
        assertThat(runtime.options.timeout()).contains(Duration.ofSeconds(3));
    }

    @Test
    void badInputIsShownOnThePageNotAsAnErrorStatus() throws Exception {
        assertThat(postAndFollow(form("args", "{oops"))).contains("<strong id=\"ggen-error-kind\">Bad input</strong>")
            .contains("argument line 1 is not valid JSON").contains("\n{oops</textarea>");
        assertThat(postAndFollow(form("fail", ""))).contains("<code id=\"ggen-foreign-type\">TypeError</code>")
            .contains("<li><code>fail (inline.js:2:9)</code></li>");
        assertThat(postAndFollow(Map.of("token", plugin.token()))).contains("choose a language");
    }

    @Test
    void aFormWithoutTheTokenCallsNothing() throws Exception {
        Map<String, String> form = form("greet", "");
        form.put("token", "forged");
        assertThat(postAndFollow(form)).contains("Form out of date").contains("nothing was called")
            .contains("value=\"greet\"");
        assertThat(runtime.loaded).isNull();
    }

    @Test
    void anActionRedirectsToThePageWithItsNoticeAtTheTop() throws Exception {
        String html = act(clearAdd(plugin.token()));
        assertThat(html).contains("id=\"ggen-notice\" data-failed=\"false\">Cleared 3 cached results of add (graaljs,"
            + " &lt;code: function add(a, b) { return a + b; }&gt;)</p>");
        assertThat(html).doesNotContain("<tr data-function=\"add\">").contains("<tr data-function=\"greet\">");
    }

    @Test
    void anActionWithoutOrWithAWrongTokenDoesNothing() throws Exception {
        for (String token : new String[] {null, "", "forged", plugin.token() + "x"}) {
            assertThat(act(clearAdd(token))).as("token %s", token)
                .contains("id=\"ggen-notice\" data-failed=\"true\">Form out of date").contains("Nothing was done");
        }
        assertThat(cache.get().functions()).extracting(CallCache.FunctionEntries::function).contains("add");
        Map<String, String> restart = new HashMap<>(Map.of("action", "restart-pool", "kind", "worker", "pool", "w1",
            "token", "forged"));
        act(restart);
        assertThat(pools.restarted).isEmpty();
    }

    @Test
    void aBridgeBundleIsRestartedFromThePage() throws Exception {
        String html = act(Map.of("action", "restart-bundle", "bundle", "7", "token", plugin.token()));
        assertThat(html).contains("Restarted bundle io.ggen.ffi.bridge.js (was ACTIVE, now ACTIVE); it serves bridge"
            + " graaljs (javascript)");
        assertThat(act(Map.of("action", "stop-bundle", "bundle", "x<y", "token", plugin.token())))
            .contains("data-failed=\"true\">Bad input: a bundle id is a number, not &#39;x&lt;y&#39;. Nothing was done.");
    }

    @Test
    void anActionWhoseServiceFailsIsANoticeNotAnErrorPage() throws Exception {
        cache.set(new FakeCache() {
            @Override
            public synchronized void invalidateAll() {
                throw new IllegalStateException("cache closed");
            }
        });
        assertThat(act(Map.of("action", "clear-cache", "token", plugin.token())))
            .contains("data-failed=\"true\">Could not do clear-cache: java.lang.IllegalStateException: cache closed");
    }

    @Test
    void unknownCallOrNoticeIdsSayTheOutcomeIsGone() throws Exception {
        assertThat(get(Map.of("call", "nope"))).contains("id=\"ggen-notice\"").contains("no longer kept");
        assertThat(get(Map.of("notice", "nope"))).contains("id=\"ggen-notice\"").contains("no longer kept");
    }

    @Test
    void aFailingMetricsServiceStillGivesThePage() throws Exception {
        metrics.set(new FakeMetrics() {
            @Override
            public List<FunctionStats> snapshot() {
                throw new IllegalStateException("service gone <now>");
            }
        });
        assertThat(get(Map.of())).contains("could not be shown").contains("service gone &lt;now&gt;")
            .contains("data-bridge=\"graaljs\"").contains("id=\"ggen-cache-functions\"");
    }
}

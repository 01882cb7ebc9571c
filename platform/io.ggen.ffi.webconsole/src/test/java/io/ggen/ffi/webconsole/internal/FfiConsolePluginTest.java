package io.ggen.ffi.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ggen.ffi.api.CallMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.service.log.Logger;

/** The servlet: a POST calls and redirects, the GET it redirects to shows the form as posted and the outcome. */
class FfiConsolePluginTest {

    private static final String ROOT = "/system/console/ggen-ffi";

    private final FakeRuntime runtime = new FakeRuntime();
    private final CallMetrics metrics = mock(CallMetrics.class);
    private final FfiConsolePlugin plugin = new FfiConsolePlugin(runtime, mock(Logger.class), () -> metrics, () -> null, Duration.ofSeconds(1));

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

    /** The page a POST leads to. */
    private String postAndFollow(Map<String, String> form) throws Exception {
        String location = post(form);
        assertThat(location).matches(ROOT + "\\?call=[\\w-]{16}#ggen-outcome");
        return get(Map.of("call", location.substring(location.indexOf('=') + 1, location.indexOf('#'))));
    }

    private Map<String, String> form(String function, String arguments) {
        Map<String, String> form = new HashMap<>(Map.of("language", "javascript", "code", "function test() {}",
            "function", function, "arguments", arguments, "timeout", "3s"));
        form.put("token", plugin.token());
        return form;
    }

    @Test
    void theFirstPageHasAnEmptyFormForJavaScriptAndTheDefaultTimeout() throws Exception {
        when(metrics.snapshot()).thenReturn(List.of());
        String html = get(Map.of());
        assertThat(html).contains("<option value=\"javascript\" selected=\"selected\">")
            .contains("name=\"timeout\" value=\"5s\"").contains("value=\"" + plugin.token() + "\"")
            .contains("No calls yet.").doesNotContain("ggen-outcome\"");
    }

    @Test
    void aPostCallsThenShowsTheResultWithTheFormAsPosted() throws Exception {
        String html = postAndFollow(form("greet", ""));
        assertThat(html).contains("<pre id=\"ggen-result\">JS works &lt;b&gt;&amp;&lt;/b&gt;</pre>")
            .contains("\nfunction test() {}</textarea>").contains("value=\"greet\"").contains("value=\"3s\"");
        assertThat(runtime.open).hasValue(0);
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
    void anUnknownCallIdSaysTheOutcomeIsGone() throws Exception {
        assertThat(get(Map.of("call", "nope"))).contains("id=\"ggen-notice\"").contains("no longer kept");
    }

    @Test
    void aFailingMetricsServiceStillGivesAPage() throws Exception {
        when(metrics.snapshot()).thenThrow(new IllegalStateException("service gone <now>"));
        assertThat(get(Map.of())).contains("could not be shown").contains("service gone &lt;now&gt;");
    }
}

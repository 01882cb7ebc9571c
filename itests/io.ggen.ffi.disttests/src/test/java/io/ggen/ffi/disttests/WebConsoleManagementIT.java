package io.ggen.ffi.disttests;

import static io.ggen.ffi.disttests.GgenConsole.button;
import static io.ggen.ffi.disttests.GgenConsole.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The actions of the GGen FFI page, done in a real, headless Chromium against one running container,
 * each checked by its effect: a bridge bundle restarted and calls still working, a ranking changed,
 * default isolation set (a module then runs in an isolate) and cleared, a CPython worker pool
 * restarted with a new process, one pure
 * function's cached results cleared, the latency chart drawn; and POSTs without credentials or
 * without the page's token refused with nothing done. Leaves {@code target/webconsole-management.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleManagementIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOT = Path.of("target", "webconsole-management.png");
    private static final String ADD_AND_MUL = "function add(a, b) { return a + b; }\nfunction mul(a, b) { return a * b; }";

    @TempDir
    static Path home;
    @TempDir
    static Path browserProfile;

    private static GgenContainer container;
    private static GgenConsole console;
    private static WebDriver browser;

    /** A CPython worker pool configured in deploy/ before the start, as a user would. */
    @BeforeAll
    static void startContainerWithAWorkerPoolAndBrowser() throws Exception {
        HeadlessChromium.requireInstalled("WebConsoleManagementIT");
        Distribution.copyTo(home);
        Path worker = Files.writeString(home.resolve("pid_worker.py"), """
            import os
            from ggen_worker import Worker

            w = Worker("pid")

            @w.function
            def pid():
                return os.getpid()

            w.serve()
            """);
        Files.writeString(home.resolve("deploy/io.ggen.ffi.bridge.rpc.worker-pid.cfg"), String.join("\n",
            "name=pid", "language=cpython", "command=python3 " + worker,
            "environment=PYTHONPATH=" + Distribution.home().resolve("sdk/python"), ""));
        int port = Distribution.freePort();
        container = GgenContainer.start(home, START_TIMEOUT, "--port", Integer.toString(port));
        console = new GgenConsole(port, browserProfile, "chromedriver-management.log");
        browser = console.browser;
        console.logIn();
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (console != null) {
                console.close();
            }
            if (container != null) {
                container.close();
            }
        } finally {
            Files.deleteIfExists(home.resolve("lib")); // the link, before the temporary folder is emptied
        }
    }

    @Test
    @Order(1)
    void restartingTheJavaScriptBridgeBundleLeavesItActiveAndCallsWork() {
        String notice = console.press(button(console.bridgeRow("graaljs"), "restart-bundle"));
        assertThat(notice).as(browser::getPageSource).isEqualTo("Restarted bundle io.ggen.ffi.bridge.js (was ACTIVE, now"
            + " ACTIVE); it serves bridge graaljs (javascript)");
        assertThat(state(console.bridgeRow("graaljs"))).isEqualTo("ACTIVE");
        console.submit("javascript", "function add(a, b) { return a + b; }", "add", "40\n2", "10s", false, false);
        assertThat(console.text("ggen-result")).as(browser::getPageSource).isEqualTo("42");
    }

    @Test
    @Order(2)
    void aRankingSetOnThePageIsTheBridgesRankingUntilCleared() throws Exception {
        String notice = setRanking("250");
        assertThat(notice).as(browser::getPageSource).isEqualTo("Set the ranking of the bridge graaljs (javascript) to 250"
            + " (configuration io.ggen.ffi.bridge.js); the runtime sees it now");
        assertThat(ranking()).isEqualTo("250");
        assertThat(container.run("ffi:bridges", COMMAND_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("javascript", "js", "graaljs", "250"));

        assertThat(setRanking("")).isEqualTo("Removed the configured ranking of the bridge graaljs (javascript)"
            + " (configuration io.ggen.ffi.bridge.js): it takes its own, 100, again; the runtime sees it now");
        assertThat(ranking()).isEqualTo("100");
    }

    private static String setRanking(String value) {
        WebElement field = console.bridgeRow("graaljs").findElement(By.name("ranking"));
        field.clear();
        if (!value.isEmpty()) {
            field.sendKeys(value);
        }
        return console.press(button(console.bridgeRow("graaljs"), "set-ranking"));
    }

    private static String ranking() {
        return console.bridgeRow("graaljs").findElement(By.className("ggen-ranking")).getText();
    }

    @Test
    @Order(3)
    void defaultIsolationIsSetAndClearedThroughTheRuntimesConfiguration() throws Exception {
        String isolate = console.press(button(console.bridgeRow("graaljs"), "set-isolation"));
        assertThat(isolate).as(browser::getPageSource).isEqualTo("Modules of the bridge graaljs (javascript) now run"
            + " isolated by default: added graaljs to isolated of configuration io.ggen.ffi.runtime (now graaljs)");
        assertThat(isolation("graaljs")).isEqualTo("true");
        assertThat(isolation("graalpy")).isEqualTo("false");
        console.reload();
        assertThat(isolation("graaljs")).as("as configured, after a reload").isEqualTo("true");
        assertThat(console.bridgeRow("graaljs").findElement(By.className("ggen-isolation")).getText()).startsWith("yes (graaljs)");

        // the effect: a module that does not ask for isolation runs in an isolate, listed while it runs
        GgenContainer.Pending busy = container.send("ffi:call javascript --code \"function busy() { const t = Date.now();"
            + " while (Date.now() - t < 2000) {} return 'isolated'; }\" --function busy");
        eventually("the module runs in an isolate").untilAsserted(() -> {
            console.reload();
            assertThat(browser.findElements(By.cssSelector("#ggen-pools tr.ggen-pool[data-kind='isolate'] .ggen-label")))
                .as(browser::getPageSource).anySatisfy(label -> assertThat(label.getText()).contains("graaljs"));
        });
        assertThat(container.awaitMark(busy, COMMAND_TIMEOUT)).as(container::tail).endsWith("isolated");

        String inProcess = console.press(button(console.bridgeRow("graaljs"), "set-isolation"));
        assertThat(inProcess).isEqualTo("Modules of the bridge graaljs (javascript) now run in process by default:"
            + " removed graaljs from isolated of configuration io.ggen.ffi.runtime (now empty)");
        assertThat(isolation("graaljs")).isEqualTo("false");
    }

    private static String isolation(String bridge) {
        return console.bridgeRow(bridge).findElement(By.className("ggen-isolation")).getDomAttribute("data-isolated");
    }

    @Test
    @Order(4)
    void restartingTheWorkerPoolReplacesItsProcess() {
        AtomicReference<String> before = new AtomicReference<>();
        eventually("the configured CPython pool runs a process").untilAsserted(() -> {
            console.reload();
            before.set(pid(pidPool()));
            assertThat(before.get()).as(browser::getPageSource).matches("\\d+");
        });
        long old = Long.parseLong(before.get());
        String poolId = pidPool().getDomAttribute("data-pool");
        String notice = console.press(button(pidPool(), "restart-pool"));
        assertThat(notice).as(browser::getPageSource).isEqualTo("Restarted worker pool " + poolId + " (pid: python3 "
            + home.resolve("pid_worker.py") + "): replaced process " + old);
        eventually("a new process in the pool").untilAsserted(() -> {
            console.reload();
            assertThat(pid(pidPool())).as(browser::getPageSource).matches("\\d+").isNotEqualTo(before.get());
        });
        assertThat(ProcessHandle.of(old).filter(ProcessHandle::isAlive)).as("the replaced worker").isEmpty();
    }

    private static WebElement pidPool() {
        return browser.findElements(By.cssSelector("#ggen-pools tr.ggen-pool[data-kind='worker']")).stream()
            .filter(row -> row.findElement(By.className("ggen-label")).getText().startsWith("pid: ")).findFirst()
            .orElseThrow(() -> new AssertionError("no pool 'pid' on the page"));
    }

    private static String pid(WebElement pool) {
        return pool.findElements(By.className("ggen-pid")).stream().map(WebElement::getText).findFirst().orElse("none");
    }

    @Test
    @Order(5)
    void clearingOnePureFunctionDropsItsCachedResultsOnly() {
        console.submit("javascript", ADD_AND_MUL, "add", "1\n2", "10s", false, true);
        assertThat(console.text("ggen-result")).as(browser::getPageSource).isEqualTo("3");
        console.submit("javascript", ADD_AND_MUL, "mul", "2\n3", "10s", false, true);
        assertThat(console.text("ggen-result")).isEqualTo("6");
        assertThat(cachedResults("add")).isEqualTo("1");
        assertThat(cachedResults("mul")).isEqualTo("1");

        String notice = console.press(button(cacheRow("add"), "clear-function"));
        assertThat(notice).as(browser::getPageSource).startsWith("Cleared 1 cached result of add (graaljs, ");
        assertThat(browser.findElements(By.cssSelector("#ggen-cache-functions tr[data-function='add']"))).isEmpty();
        assertThat(cachedResults("mul")).isEqualTo("1");
    }

    private static WebElement cacheRow(String function) {
        return browser.findElement(By.cssSelector("#ggen-cache-functions tr[data-function='" + function + "']"));
    }

    private static String cachedResults(String function) {
        return cells(cacheRow(function)).get(3);
    }

    @Test
    @Order(6)
    void theLatencyChartOfAFunctionIsDrawnAfterItsCalls() throws Exception {
        assertThat(container.run("ffi:call javascript --code \"function square(x) { return x * x; }\" --function square"
            + " --input-json 12 --repeat 200", COMMAND_TIMEOUT)).as(container::tail).endsWith("144");
        console.reload();
        WebElement chart = browser.findElement(By.cssSelector("#ggen-charts figure[data-function='square'] svg"));
        for (String series : List.of("ggen-p50", "ggen-p99")) {
            String points = chart.findElement(By.cssSelector("polyline." + series)).getDomAttribute("points");
            assertThat(points).as(series).matches("\\d+(\\.\\d)?,\\d+(\\.\\d)?( \\d+(\\.\\d)?,\\d+(\\.\\d)?)*");
        }
        WebElement row = browser.findElements(By.cssSelector("#ggen-metrics tbody tr")).stream()
            .filter(r -> cells(r).get(2).equals("square")).findFirst().orElseThrow();
        assertThat(cells(row).get(3)).isEqualTo("200");
        assertThat(cells(row).get(7)).as("p50 µs").matches("\\d+\\.\\d");
        console.screenshot(SCREENSHOT);
    }

    @Test
    @Order(7)
    void aPostWithoutCredentialsIsRefusedAndStopsNothing() throws Exception {
        String bundle = bundleId("graaljs");
        HttpResponse<String> anonymous = post(form("stop-bundle", bundle, console.token()), null);
        assertThat(anonymous.statusCode()).as(anonymous::body).isIn(401, 403);
        console.reload();
        assertThat(state(console.bridgeRow("graaljs"))).isEqualTo("ACTIVE");
    }

    @Test
    @Order(8)
    void aPostWithoutOrWithAWrongTokenIsRefusedAndStopsNothing() throws Exception {
        String bundle = bundleId("graaljs");
        for (String token : new String[] {null, "forged", console.token() + "x"}) {
            HttpResponse<String> refused = post(form("stop-bundle", bundle, token), "admin:admin");
            assertThat(refused.statusCode()).as(refused::body).isEqualTo(303);
            String location = refused.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> shown = get(location);
            assertThat(shown.body()).as("token %s", token)
                .contains("id=\"ggen-notice\" data-failed=\"true\">Form out of date").contains("Nothing was done");
        }
        console.reload();
        assertThat(state(console.bridgeRow("graaljs"))).isEqualTo("ACTIVE");
        assertThat(container.run("ffi:bridges", COMMAND_TIMEOUT)).as(container::tail)
            .anySatisfy(line -> assertThat(line).startsWith("javascript"));
    }

    private static String bundleId(String bridge) {
        return console.bridgeRow(bridge).findElement(By.cssSelector("form input[name='bundle']")).getDomProperty("value");
    }

    private static String state(WebElement row) {
        return row.findElement(By.className("ggen-state")).getText();
    }

    private static String form(String action, String bundle, String token) {
        return "action=" + action + "&bundle=" + bundle + (token == null ? "" : "&token=" + token);
    }

    private static HttpResponse<String> post(String body, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.page)).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        try (HttpClient http = HttpClient.newHttpClient()) {   // follows no redirects
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> get(String location) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(console.page).resolve(location)).timeout(Duration.ofSeconds(20))
                .header("Authorization", basic("admin:admin")).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static ConditionFactory eventually(String what) {
        return await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
            .pollInSameThread()   // WebDriver is not thread-safe
            .ignoreException(org.openqa.selenium.NoSuchElementException.class);
    }
}

package io.ggen.ffi.disttests;

import static io.ggen.ffi.disttests.GgenConsole.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The GGen FFI page of the Web Console in a real, headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a container from a copy of the distribution, logged in with the default
 * credentials, the form filled in and submitted as a user does. Leaves screenshots in
 * {@code target/webconsole-ggen.png} (a result) and {@code target/webconsole-ggen-error.png} (a foreign error).
 * {@link WebConsoleManagementIT} does the page's actions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Path.of("target", "webconsole-ggen.png");
    private static final Path ERROR_SCREENSHOT = Path.of("target", "webconsole-ggen-error.png");

    @TempDir
    static Path home;
    @TempDir
    static Path browserProfile;

    private static GgenContainer container;
    private static GgenConsole console;
    private static WebDriver browser;

    @BeforeAll
    static void startContainerAndBrowser() throws Exception {
        HeadlessChromium.requireInstalled("WebConsoleIT");
        Distribution.copyTo(home);
        int port = Distribution.freePort();
        container = GgenContainer.start(home, START_TIMEOUT, "--port", Integer.toString(port));
        console = new GgenConsole(port, browserProfile, "chromedriver.log");
        browser = console.browser;
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
    void logsInWithTheCredentialsInTheUrlAndListsTheJavaScriptBridge() {
        // Basic authentication: Chromium still takes credentials in a top-level URL and keeps them for the origin.
        console.logIn();
        assertThat(browser.getTitle()).as(browser::getPageSource).contains("GGen FFI");
        WebElement bridges = browser.findElement(By.id("ggen-bridges"));
        assertThat(bridges.findElements(By.cssSelector("tbody tr")))
            .anySatisfy(row -> assertThat(cells(row)).startsWith("javascript", "js", "graaljs"));
        assertThat(new Select(browser.findElement(By.id("ggen-language"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo("javascript");
        assertThat(browser.findElements(By.id("navmenu"))).as("the console's menu around the page").isNotEmpty();
        assertThat(browser.findElement(By.id("ggen-leak-level")).getText())
            .as("the native memory report of io.ggen.ffi.memory").contains("Leak detection: SIMPLE");
    }

    @Test
    @Order(2)
    void aCallShowsItsResultAndTheFormKeepsItsValues() {
        String code = "function test() { return 'JS works'; }";
        submit("javascript", code, "test", "", "5s");
        assertThat(text("ggen-result")).as(browser::getPageSource).isEqualTo("JS works");
        assertThat(browser.findElement(By.id("ggen-code")).getDomProperty("value")).isEqualTo(code);
        assertThat(browser.findElement(By.id("ggen-function")).getDomProperty("value")).isEqualTo("test");
        assertThat(browser.findElement(By.id("ggen-timeout")).getDomProperty("value")).isEqualTo("5s");
    }

    @Test
    @Order(3)
    void aThrownErrorShowsItsTypeAndFrames() {
        submit("javascript", "function boom() {\n  throw new TypeError('boom');\n}", "boom", "", "5s");
        assertThat(text("ggen-error-message")).as(browser::getPageSource).contains("TypeError: boom");
        assertThat(text("ggen-foreign-type")).isEqualTo("TypeError");
        assertThat(browser.findElements(By.cssSelector("#ggen-frames li")))
            .anySatisfy(frame -> assertThat(frame.getText()).matches("boom \\(.+:2(:\\d+)?\\)"));
        screenshot(ERROR_SCREENSHOT);
    }

    @Test
    @Order(4)
    void badJsonIsAClearMessage() {
        submit("javascript", "function test() { return 'JS works'; }", "test", "{oops", "5s");
        assertThat(text("ggen-error-kind")).as(browser::getPageSource).isEqualTo("Bad input");
        assertThat(text("ggen-error-message")).startsWith("argument line 1 is not valid JSON");
        assertThat(browser.findElement(By.id("ggen-arguments")).getDomProperty("value")).isEqualTo("{oops");
    }

    @Test
    @Order(5)
    void aRunawayCallStopsAtItsTimeout() {
        long start = System.nanoTime();
        submit("javascript", "function spin() { while (true) {} }", "spin", "", "500ms");
        assertThat(text("ggen-error-kind")).as(browser::getPageSource).isEqualTo("Timed out");
        assertThat(text("ggen-error-message")).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    @Order(6)
    void theMetricsCountTheCallsAndThePageLooksRight() {
        submit("javascript", "function add(a, b) {\n  return { sum: a + b, args: [a, b] };\n}", "add", "1\n2.5", "2s");
        assertThat(text("ggen-result").replaceAll("\\s", "")).as(browser::getPageSource)
            .isEqualTo("{\"sum\":3.5,\"args\":[1,2.5]}");

        List<List<String>> rows = browser.findElements(By.cssSelector("#ggen-metrics tbody tr")).stream()
            .map(GgenConsole::cells).toList();
        assertThat(rows).as("metrics rows").anySatisfy(row -> {
            assertThat(row.get(2)).isEqualTo("test");
            assertThat(row.get(3)).isEqualTo("1"); // the bad-JSON attempt never called
            assertThat(row.get(4)).isEqualTo("0");
        }).anySatisfy(row -> {
            assertThat(row.get(2)).isEqualTo("boom");
            assertThat(row.get(4)).isEqualTo("1");
        });

        screenshot(SCREENSHOT);
    }

    @Test
    @Order(7)
    void theIsolatedBoxRunsTheCallInAnIsolate() {
        submit("javascript", "function add(a, b) { return a + b; }", "add", "20\n22", "60s", true);
        assertThat(text("ggen-result")).as(browser::getPageSource).isEqualTo("42");
        assertThat(text("ggen-isolated-note")).isEqualTo("in an isolate");
        assertThat(browser.findElement(By.id("ggen-isolated")).isSelected()).isTrue();
    }

    private static void submit(String language, String code, String function, String arguments, String timeout) {
        console.submit(language, code, function, arguments, timeout, false, false);
    }

    private static void submit(String language, String code, String function, String arguments, String timeout,
                               boolean isolated) {
        console.submit(language, code, function, arguments, timeout, isolated, false);
    }

    private static void screenshot(Path file) {
        console.screenshot(file);
    }

    private static String text(String id) {
        return console.text(id);
    }
}

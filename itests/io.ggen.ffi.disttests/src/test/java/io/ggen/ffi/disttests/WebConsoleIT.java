package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The GGen FFI page of the Web Console in a real, headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a container from a copy of the distribution, logged in with the default
 * credentials, the form filled in and submitted as a user does. Leaves screenshots in
 * {@code target/webconsole-ggen.png} (a result) and {@code target/webconsole-ggen-error.png} (a foreign error).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOT = Path.of("target", "webconsole-ggen.png");
    private static final Path ERROR_SCREENSHOT = Path.of("target", "webconsole-ggen-error.png");

    @TempDir
    static Path home;
    @TempDir
    static Path browserProfile;

    private static GgenContainer container;
    private static WebDriver browser;
    private static String page;

    @BeforeAll
    static void startContainerAndBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("WebConsoleIT drives a real Chromium: " + CHROMIUM + " and " + CHROMEDRIVER + " must exist. Install"
                + " chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does it), or pass"
                + " -Dchromium.binary=... -Dchromedriver.binary=...");
        }
        Distribution.copyTo(home);
        int port = freePort();
        container = GgenContainer.start(home, START_TIMEOUT, "--port", Integer.toString(port));
        browser = chromium();
        page = "http://127.0.0.1:" + port + "/system/console/ggen-ffi";
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
            if (container != null) {
                container.close();
            }
        } finally {
            Files.deleteIfExists(home.resolve("lib")); // the link, before the temporary folder is emptied
        }
    }

    /** Headless Chromium that makes no connection of its own (this machine's network is closed: it would hang). */
    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1500", "--user-data-dir=" + browserProfile);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("target/chromedriver.log"))
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_TIMEOUT);
        return driver;
    }

    @Test
    @Order(1)
    void logsInWithTheCredentialsInTheUrlAndListsTheJavaScriptBridge() throws Exception {
        // Basic authentication: Chromium still takes credentials in a top-level URL and keeps them for the origin.
        String withCredentials = page.replace("http://", "http://admin:admin@");
        browser.get(withCredentials);
        // deploy/ is read by FileInstall after the start, and GraalJS builds its engine as it starts: the
        // JavaScript bridge may show up a moment after the others.
        await("the console lists the JavaScript bridge").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .pollInSameThread()   // WebDriver is not thread-safe
            .until(() -> {
                if (listsJavaScript()) {
                    return true;
                }
                browser.navigate().refresh();
                return false;
            });
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

    private boolean listsJavaScript() {
        return browser.findElements(By.cssSelector("#ggen-bridges tbody tr")).stream()
            .anyMatch(row -> cells(row).stream().findFirst().filter("javascript"::equals).isPresent());
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
            .map(WebConsoleIT::cells).toList();
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

    private static void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + file, e);
        }
        System.out.println("WebConsoleIT: screenshot in " + file.toAbsolutePath());
    }

    /** Fills in the form, submits it, and waits for the page it leads to. */
    private static void submit(String language, String code, String function, String arguments, String timeout) {
        submit(language, code, function, arguments, timeout, false);
    }

    private static void submit(String language, String code, String function, String arguments, String timeout,
                               boolean isolated) {
        WebElement box = browser.findElement(By.id("ggen-isolated"));
        if (box.isSelected() != isolated) {
            box.click();
        }
        new Select(browser.findElement(By.id("ggen-language"))).selectByValue(language);
        type("ggen-code", code);
        type("ggen-function", function);
        type("ggen-arguments", arguments);
        type("ggen-timeout", timeout);
        WebElement form = browser.findElement(By.id("ggen-call"));
        browser.findElement(By.id("ggen-submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, PAGE_TIMEOUT);
        // while the old page goes, Chromium may answer "node does not belong to the document" instead of "stale"
        wait.ignoring(org.openqa.selenium.WebDriverException.class).until(ExpectedConditions.stalenessOf(form));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ggen-outcome")));
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

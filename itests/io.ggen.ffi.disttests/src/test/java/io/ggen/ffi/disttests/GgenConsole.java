package io.ggen.ffi.disttests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The GGen FFI page of a running container's Web Console in a headless Chromium, used as a user
 * does: log in, fill in the "Try a call" form, press the buttons of the page's actions and read the
 * notice they lead to.
 */
final class GgenConsole implements AutoCloseable {

    final WebDriver browser;
    /** {@code http://127.0.0.1:PORT/system/console/ggen-ffi}. */
    final String page;
    private final WebDriverWait wait;

    GgenConsole(int port, Path profile, String driverLog) {
        this.browser = HeadlessChromium.start(profile, driverLog);
        this.page = "http://127.0.0.1:" + port + "/system/console/ggen-ffi";
        this.wait = new WebDriverWait(browser, HeadlessChromium.PAGE_TIMEOUT);
    }

    /**
     * Logs in with the default credentials in the URL (Chromium keeps them for the origin, so later
     * GETs and POSTs carry them) and waits for the JavaScript bridge: deploy/ is read by FileInstall
     * after the start, and GraalJS builds its engine as it starts.
     */
    void logIn() {
        browser.get(page.replace("http://", "http://admin:admin@"));
        await("the console lists the JavaScript bridge").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .pollInSameThread()   // WebDriver is not thread-safe
            .until(() -> {
                if (!browser.findElements(By.cssSelector("#ggen-bridges tr[data-bridge='graaljs']")).isEmpty()) {
                    return true;
                }
                browser.navigate().refresh();
                return false;
            });
    }

    /** Fills in the form, submits it, and waits for the page it leads to. */
    void submit(String language, String code, String function, String arguments, String timeout, boolean isolated,
                boolean pure) {
        check("ggen-isolated", isolated);
        check("ggen-pure", pure);
        new Select(browser.findElement(By.id("ggen-language"))).selectByValue(language);
        type("ggen-code", code);
        type("ggen-function", function);
        type("ggen-arguments", arguments);
        type("ggen-timeout", timeout);
        WebElement form = browser.findElement(By.id("ggen-call"));
        browser.findElement(By.id("ggen-submit")).click();
        awaitGone(form);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ggen-outcome")));
    }

    /** Presses an action's button and returns the notice at the top of the page it leads to. */
    String press(WebElement button) {
        WebElement root = browser.findElement(By.tagName("html"));
        button.click();
        awaitGone(root);
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ggen-notice"))).getText();
    }

    /** Reloads the page as it is now, without repeating what led to it. */
    void reload() {
        WebElement root = browser.findElement(By.tagName("html"));
        browser.get(page);
        awaitGone(root);
    }

    /** The button of the action {@code action} in {@code scope}. */
    static WebElement button(WebElement scope, String action) {
        return scope.findElement(By.cssSelector("button[data-action='" + action + "']"));
    }

    /** The row of the Bridges table of the bridge named {@code name}. */
    WebElement bridgeRow(String name) {
        return browser.findElement(By.cssSelector("#ggen-bridges tr[data-bridge='" + name + "']"));
    }

    /** The token the page's forms carry. */
    String token() {
        return browser.findElement(By.cssSelector("#ggen-call input[name='token']")).getDomProperty("value");
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + file, e);
        }
        System.out.println("screenshot in " + file.toAbsolutePath());
    }

    private void check(String id, boolean checked) {
        WebElement box = browser.findElement(By.id(id));
        if (box.isSelected() != checked) {
            box.click();
        }
    }

    private void awaitGone(WebElement element) {
        // while the old page goes, Chromium may answer "node does not belong to the document" instead of "stale"
        wait.ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(element));
    }

    @Override
    public void close() {
        browser.quit();
    }
}

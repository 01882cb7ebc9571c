package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real, headless Chromium driven through WebDriver (Debian's {@code chromium} and
 * {@code chromium-driver}, or {@code -Dchromium.binary=... -Dchromedriver.binary=...}) for the
 * Web Console tests. It makes no connection of its own: this machine's network is closed, it would hang.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    private HeadlessChromium() {
    }

    /** Fails the test class with what to install when Chromium or its driver is missing. */
    static void requireInstalled(String test) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(test + " drives a real Chromium: " + CHROMIUM + " and " + CHROMEDRIVER + " must exist. Install"
                + " chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does it), or pass"
                + " -Dchromium.binary=... -Dchromedriver.binary=...");
        }
    }

    /** Starts one with its profile in {@code profile}; the driver logs to {@code target/<log>}. */
    static WebDriver start(Path profile, String log) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1500", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("target", log))
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_TIMEOUT);
        return driver;
    }
}

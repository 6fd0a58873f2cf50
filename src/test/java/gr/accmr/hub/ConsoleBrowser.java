package gr.accmr.hub;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver, so nothing is downloaded and
 * Selenium Manager never runs; tests skip themselves, saying why, where either is missing. Keeps a
 * screenshot of every failed test under {@code target/console-screenshots/}.
 */
public final class ConsoleBrowser implements TestWatcher, AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private WebDriver driver;
    private ChromeDriverService service;
    private Path profile;

    /** Starts the browser, or skips the calling test class when Chromium or its driver is not installed. */
    public WebDriver start(int width, int height) {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install chromium chromium-driver, as .ci/chromium-setup.sh does");
        try {
            profile = Files.createTempDirectory("console-chromium");
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--lang=en-US",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile);
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 30 seconds for the condition, over pages that replace what it looked at. */
    public void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** The path of the page the browser is on. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Signs in with the console's form and waits for the console. */
    public void signIn(int port, String user, String password) {
        driver.get("http://localhost:" + port + "/console");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waitUntil(ignored -> path().equals("/console"));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver instanceof ChromeDriver chrome) {
            try {
                Files.createDirectories(SCREENSHOTS);
                File shot = chrome.getScreenshotAs(OutputType.FILE);
                Files.copy(
                        shot.toPath(),
                        SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                                + context.getRequiredTestMethod().getName() + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }
}

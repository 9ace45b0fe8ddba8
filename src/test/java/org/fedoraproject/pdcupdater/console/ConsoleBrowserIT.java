package org.fedoraproject.pdcupdater.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fedoraproject.pdcupdater.testsupport.Eventually;
import org.fedoraproject.pdcupdater.testsupport.SignedMessages;
import org.fedoraproject.pdcupdater.testsupport.TestBus;
import org.fedoraproject.pdcupdater.testsupport.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, driven by chromedriver): log in, open the Camel
 * routes page, find the dispatch route, publish signed messages on the bus and watch its exchange count rise.
 * Screenshots land in target/console/.
 */
class ConsoleBrowserIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final By DISPATCH_CELL = By.xpath("//td[normalize-space(.)='dispatch']");

    @TempDir
    Path dir;

    private TestBus bus;
    private TestService service;
    private WebDriver browser;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "No browser: install Debian's chromium and chromium-driver (.ci/run does) to run the console's"
                        + " browser test; it is skipped, not passed");
        bus = TestBus.onFreePort();
        Map<String, String> s = new HashMap<>();
        s.put("console.authentication", "true");
        s.put("console.users-file", ConsoleUsers.write(dir).toString());
        s.put("db.url", "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        s.put("fedmsg.endpoints", bus.endpoint());
        s.put("fedmsg.local-pki-dir", dir.resolve("pki").toString());
        s.put("fedmsg.ca-cert", dir.resolve("pki/ca.crt").toString());
        s.put("fedmsg.crl", dir.resolve("pki/crl.pem").toString());
        s.put("fedmsg.routing-policy", "");
        service = TestService.start(s);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1600,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void anAdminLogsInAndWatchesTheDispatchRouteCountMessages() throws IOException {
        String base = "http://127.0.0.1:" + service.managementPort() + "/hawtio/";
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        try {
            browser.get(base);
            WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("input#pf-login-username-id, input[name='username']")));
            screenshot("1-login");
            user.sendKeys(ConsoleUsers.ADMIN);
            browser.findElement(By.cssSelector("input[type='password']")).sendKeys(ConsoleUsers.ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("button[type='submit']")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/login"));

            // The Camel plugin's routes view: the context's "routes" folder selected in its tree, the routes table.
            browser.get(base + "camel/routes");
            wait.until(ExpectedConditions.presenceOfElementLocated(DISPATCH_CELL));
            long before = dispatchTotal();
            screenshot("2-routes-before");

            SignedMessages publisher = SignedMessages.publisher(dir.resolve("pki"), "console-test");
            Eventually.await("the dispatch route's exchange count rises in the page", () -> {
                publish(publisher, 5);
                sleep(1000);
                if (dispatchTotal() > before) {
                    return true;
                }
                // The table may only poll some attributes: reload the view to be sure to see the current count.
                browser.get(base + "camel/routes");
                wait.until(ExpectedConditions.presenceOfElementLocated(DISPATCH_CELL));
                return dispatchTotal() > before;
            });
            assertThat(dispatchTotal()).isGreaterThan(before);
            screenshot("3-routes-after");
        } catch (RuntimeException | AssertionError e) {
            screenshot("failure");
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            throw e;
        }
    }

    /** The "Total" column of the dispatch route's row in the routes table. */
    private long dispatchTotal() {
        List<WebElement> headers = browser.findElements(By.xpath("//table//thead//th"));
        int column = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getText().trim().equalsIgnoreCase("Total")) {
                column = i;
            }
        }
        assertThat(column).as("a Total column in %s", headers.stream().map(WebElement::getText).toList())
                .isNotNegative();
        List<WebElement> cells = browser.findElements(By.xpath("//tr[td[normalize-space(.)='dispatch']]/td"));
        String text = cells.get(column).getText().trim().replace(",", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private void publish(SignedMessages publisher, int count) {
        try {
            for (int i = 0; i < count; i++) {
                ObjectNode envelope = publisher.next("org.fedoraproject.prod.console.test", JSON.createObjectNode());
                bus.send(envelope.get("topic").asText(), JSON.writeValueAsBytes(envelope));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

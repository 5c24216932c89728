package org.planwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.planwatch.deploy.credentials.TokenIssuer.Subject;

/**
 * The console in headless Chromium against the three services, real Kafka and PostgreSQL: a
 * bureau uploads a GBK CSV with a bad row, the evaluation appears on the target page's chart, an
 * office acknowledges the LAG alert, sees its webhook deliveries and its weekly digest, the
 * evaluation report shows indicator-service's numbers, and access is scoped. Saves a screenshot of
 * each page to docs/screenshots/.
 */
class ConsoleBrowserTest {

    /** How long a step waits for the page a click leads to. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private static final String TARGET = "weihai-innovative-city-2023.high_tech_enterprises-2024";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = Path.of(System.getProperty("planwatch.repo.dir", "../..")).toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = REPOSITORY.resolve("docs/screenshots");

    private static RunningSystem system;
    private static RunningConsole console;
    private static WebDriver browser;
    private static HttpServer webhook;
    private static final List<String> javascriptErrors = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem();
        Map<String, Subject> users = new LinkedHashMap<>();
        users.put("bureau-371000", Subject.bureau("371000", "威海市统计局"));
        users.put("bureau-371600", Subject.bureau("371600", "滨州市统计局"));
        users.put("office-371000", Subject.office("office-371000", "威海市政府督查室", "371000"));
        console = new RunningConsole(system, REPOSITORY, users);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.stop(0);
        }
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aBureauUploadsAnOfficeAcknowledgesAndAccessIsScoped() throws Exception {
        // The office's subscription, with a webhook here: its deliveries show on the alert page, its digest on /digest.
        AtomicInteger webhookCalls = new AtomicInteger();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhookCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        HttpResponse<String> subscription = system.post("alert-service", "/api/v1/subscriptions", "application/json",
                HttpRequest.BodyPublishers.ofString("{\"recipient\":\"威海市政府督查室\",\"recipientType\":\"OFFICE\","
                        + "\"filters\":{\"regions\":[\"371000\"]},\"webhook\":{\"url\":\"http://127.0.0.1:"
                        + webhook.getAddress().getPort() + "/hook\",\"secret\":\"e2e-webhook-secret-0123\"}}"), system.adminToken);
        assertThat(subscription.statusCode()).as(subscription.body()).isEqualTo(201);

        // Signed out: every page sends to sign-in.
        open("/upload/371000");
        assertThat(browser.getCurrentUrl()).contains("/sign-in?next=");
        screenshot("sign-in");
        signIn("bureau-371000");
        assertThat(browser.getCurrentUrl()).endsWith("/upload/371000");

        // A GBK CSV with one bad row (row 3: month 13).
        Path csv = Files.createTempFile("月报", ".csv");
        Files.writeString(csv, "指标,地区,时期,数值,单位\r\nhigh_tech_enterprises,371000,2023,1400,家\r\n"
                + "high_tech_enterprises,371000,2023-13,1500,家\r\n", Charset.forName("GBK"));
        browser.findElement(By.id("file")).sendKeys(csv.toString());
        browser.findElement(By.id("upload-file")).click();
        await(() -> !browser.findElements(By.id("upload-result")).isEmpty(), "the upload result");
        assertThat(text("accepted-count")).isEqualTo("1");
        assertThat(text("rejected-count")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#rejected-rows .row-number")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("#rejected-rows .reason")).getText()).contains("13");
        assertThat(browser.findElement(By.id("errors-csv")).getAttribute("href")).contains("/uploads/").endsWith("/errors.csv");
        assertThat(browser.findElement(By.id("calendar")).getText()).isNotBlank();
        screenshot("upload");

        // The good row's evaluation on the target page, and drawn in the chart.
        await(() -> {
            open("/targets/" + TARGET);
            return text("target-status").equals("滞后");
        }, "the 2023 evaluation on the target page");
        String actual = (String) ((JavascriptExecutor) browser).executeScript(
                "var option = echarts.getInstanceByDom(document.getElementById('target-chart')).getOption();"
                        + "return JSON.stringify({periods: option.xAxis[0].data, actual: option.series[0].data,"
                        + " target: option.series[0].markLine.data[0].yAxis});");
        JsonNode chart = JSON.readTree(actual);
        int at = indexOf(chart.path("periods"), "2023");
        assertThat(at).as("2023 on the x axis: %s", chart).isGreaterThanOrEqualTo(0);
        assertThat(chart.path("actual").get(at).asDouble()).isEqualTo(1400.0);
        assertThat(chart.path("target").asDouble()).isEqualTo(1600.0);
        assertThat(browser.findElement(By.id("source-quote")).getText()).contains("1600");
        screenshot("target");

        // Another region's upload page is refused.
        signOut();
        signIn("bureau-371600");
        open("/upload/371000");
        assertThat(text("error-message")).contains("371000");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("无权访问");
        screenshot("error-forbidden");
        signOut();

        // The office acknowledges the LAG alert in its inbox.
        signIn("office-371000");
        await(() -> {
            open("/alerts?kind=LAG");
            return browser.getPageSource().contains("高新技术企业");
        }, "the LAG alert in the office's inbox");
        screenshot("alerts");
        String alertId = browser.findElement(By.cssSelector("#alerts-table tr[data-alert-id]")).getAttribute("data-alert-id");
        browser.findElement(By.cssSelector("#alerts-table tr[data-alert-id] a")).click();
        element(By.id("comment")).sendKeys("已约谈市科技局，12月底前报送整改方案");
        browser.findElement(By.id("acknowledge")).click();
        awaitText("alert-status", status -> status.contains("已确认"));
        assertThat(text("alert-status")).contains("已确认");
        assertThat(text("acknowledgement")).contains("威海市政府督查室").contains("整改方案");
        assertThat(browser.findElement(By.id("history")).getText()).contains("ACKNOWLEDGED");
        screenshot("alert");
        JsonNode fromApi = JSON.readTree(system.get("alert-service", "/api/v1/alerts/" + alertId).body());
        assertThat(fromApi.path("kind").asText()).isEqualTo("LAG");
        assertThat(fromApi.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(fromApi.path("acknowledgement").path("comment").asText()).contains("整改方案");

        // The deliveries panel: the subscription's webhook received the OPENED change.
        await(() -> {
            open("/alerts/" + alertId);
            return !browser.findElements(By.cssSelector("#deliveries tr.delivery-DELIVERED")).isEmpty();
        }, "a delivered webhook on the alert page");
        WebElement delivered = browser.findElement(By.cssSelector("#deliveries tr.delivery-DELIVERED"));
        assertThat(delivered.getText()).contains("威海市政府督查室").contains("OPENED");
        assertThat(delivered.findElement(By.className("delivery-result")).getText()).isEqualTo("HTTP 200");
        assertThat(webhookCalls.get()).isPositive();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('deliveries').scrollIntoView()");
        screenshot("deliveries");

        // The weekly digest, from the inbox: the acknowledged LAG alert is open this week, with who acknowledged it.
        open("/alerts");
        browser.findElement(By.id("digest-link")).click();
        String week = text("digest-week");
        assertThat(week).matches("\\d{4}-W\\d{2}");
        assertThat(browser.findElement(By.cssSelector("#digest-open tr[data-alert-id='" + alertId + "']")).getText())
                .contains("高新技术企业").contains("威海市政府督查室");
        assertThat(Integer.parseInt(text("count-opened"))).isPositive();
        screenshot("digest");
        browser.findElement(By.id("previous-week")).click();
        awaitText("digest-week", shown -> !shown.equals(week));
        assertThat(text("digest-week")).isNotEqualTo(week);
        assertThat(browser.findElements(By.cssSelector("#digest-open tr[data-alert-id='" + alertId + "']"))).as("not open a week earlier").isEmpty();

        // The plan overview: the grid cell of the target shows its status; the grid exports as .xlsx.
        open("/plans/weihai-innovative-city-2023");
        assertThat(browser.findElement(By.cssSelector("#status-grid a[href='/targets/" + TARGET + "']")).getText()).isEqualTo("滞后");
        assertThat(text("status-counts")).contains("LAGGING");
        Object xlsx = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/plans/weihai-innovative-city-2023/grid.xlsx').then(function (r) { return r.arrayBuffer().then("
                + "function (b) { done(r.status + ' ' + r.headers.get('Content-Type') + ' ' + b.byteLength); }); });");
        assertThat(String.valueOf(xlsx)).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        screenshot("plan");

        // The evaluation report: the page's numbers are indicator-service's, to the digit.
        browser.findElement(By.id("report-link")).click();
        element(By.cssSelector(".report tr[data-target-id='" + TARGET + "']"));
        JsonNode report = JSON.readTree(system.get("indicator-service", "/api/v1/plans/weihai-innovative-city-2023/report").body());
        JsonNode apiRow = null;
        for (JsonNode section : report.path("departments")) {
            for (JsonNode row : section.path("rows")) {
                if (TARGET.equals(row.path("targetId").asText())) {
                    apiRow = row;
                }
            }
        }
        assertThat(apiRow).as("the target in the API's report").isNotNull();
        assertThat(apiRow.path("completionProgress").asText()).isEqualTo("10.7");
        WebElement row = browser.findElement(By.cssSelector(".report tr[data-target-id='" + TARGET + "']"));
        assertThat(row.findElement(By.cssSelector(".completion")).getText()).isEqualTo(apiRow.path("completionProgress").asText() + "%");
        assertThat(row.findElement(By.cssSelector(".time")).getText()).isEqualTo(apiRow.path("timeProgress").asText() + "%");
        assertThat(row.findElement(By.cssSelector(".actual .value")).getText()).isEqualTo(apiRow.path("actual").asText());
        assertThat(row.getText()).contains(apiRow.path("statusZh").asText());
        Object reportXlsx = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('report-xlsx').href).then(function (r) { return r.arrayBuffer().then("
                + "function (b) { done(r.status + ' ' + r.headers.get('Content-Type') + ' ' + b.byteLength); }); });");
        assertThat(String.valueOf(reportXlsx)).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        screenshot("report");
        // As of the end of 2023 (Beijing time) the figure, posted today, was not known.
        WebElement asOf = browser.findElement(By.id("as-of"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2023-12-31'", asOf);
        browser.findElement(By.id("show-report")).click();
        await(() -> browser.getCurrentUrl().contains("asOf=2023-12-31"), "the report as of 2023-12-31");
        assertThat(text("report-as-of")).isEqualTo("2023-12-31 23:59:59");
        assertThat(element(By.cssSelector(".report tr[data-target-id='" + TARGET + "']")).getText()).contains("未报送");

        signOut();
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        open("/alerts");
        assertThat(browser.getCurrentUrl()).as("signed out again").contains("/sign-in");

        collectLogs();
        assertThat(javascriptErrors).as("JavaScript errors in the browser log").isEmpty();
    }

    private void signIn(String upn) {
        if (!browser.getCurrentUrl().contains("/sign-in")) {
            open("/sign-in");
        }
        browser.findElement(By.id("upn")).sendKeys(upn);
        browser.findElement(By.id("password")).sendKeys(RunningConsole.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        // The click submits a form and follows a redirect; the next page may not be there yet when click() returns.
        assertThat(new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")))
                .getText()).isNotBlank();
        collectLogs();
    }

    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, PAGE_WAIT)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/sign-in"));
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
    }

    private void open(String path) {
        collectLogs();
        browser.get(console.url(path));
    }

    /**
     * The text of an element, waited for: after a click that submits a form, the next page may not be there yet, or
     * be replacing the element as it is read (stale).
     */
    private String text(String id) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, PAGE_WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.id(id)).getText().strip());
    }

    /** An element, once the page a click led to has it. */
    private WebElement element(By locator) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, PAGE_WAIT)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** Waits until an element that the page before a click had too shows what the page after it should. */
    private void awaitText(String id, java.util.function.Predicate<String> expected) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, PAGE_WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> expected.test(driver.findElement(By.id(id)).getText().strip()));
    }

    /** Browser log entries of level SEVERE, except the 403 answer of the page a bureau may not open. */
    private void collectLogs() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && !entry.getMessage().contains("status of 403")) {
                javascriptErrors.add(entry.getMessage());
            }
        }
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int indexOf(JsonNode array, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (value.equals(array.get(i).asText())) {
                return i;
            }
        }
        return -1;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            RunningSystem.sleep(500);
        }
        throw new AssertionError("waited 30 s for " + what);
    }
}

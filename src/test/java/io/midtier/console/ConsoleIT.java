package io.midtier.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.midtier.simulator.Simulator;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

// The operator console in a real browser (Debian's headless chromium through chromedriver) against the real midtier
// jar, its embedded broker, PostgreSQL and the back-end simulator: the live feed and the outstanding list follow a
// PUT, and the key filter finds what is not on the first page; a dead letter is replayed from the page; a reader sees
// the dead letter but gets no working button, and a forged cross-site POST is refused; the feed reconnects without a
// gap each time the server ends its stream (midtier.changes.stream-max-seconds), and says when it fell too far
// behind. Screenshots: target/console/.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console");
    static final String ADMIN = Http.DEFAULT_USER;
    static final String ADMIN_PASSWORD = Http.DEFAULT_PASSWORD;
    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-console-test";
    static final Duration WAIT = Duration.ofSeconds(60);
    // midtier ends every change stream after this long (scenario 4 counts on it; the others do not mind it)
    static final int STREAM_MAX_SECONDS = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static Simulator backend;
    static MidtierProcess app;
    static final Map<String, String> env = new HashMap<>();
    ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        // CI installs the browser (.ci/run): a machine without it fails here rather than skipping the console's tests
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " is missing: install Debian's chromium and "
                + "chromium-driver (apt-get install chromium chromium-driver; .ci/run does it)").isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " is missing: install Debian's chromium-driver "
                + "(.ci/run does it)").isTrue();
        Files.createDirectories(SHOTS);
        Simulator.Settings d = Simulator.Settings.defaults();
        backend = new Simulator(new Simulator.Settings(d.host(), 0, db.url(), TestDatabase.USER, "", 20, 0, 8)).start();
        env.put("MIDTIER_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("MIDTIER_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("MIDTIER_BROKER_TCP_PORT", String.valueOf(FreePorts.next()));
        env.put("MIDTIER_BACKEND_URL", backend.baseUrl());
        env.put("MIDTIER_DB_URL", db.url());
        env.put("MIDTIER_DATA_DIR", MidtierTestApp.dataDir("console").toAbsolutePath().toString());
        env.put("MIDTIER_TX_NODE_ID", "console-it");
        env.put("MIDTIER_SECURITY_USERS", ADMIN + ":" + ADMIN_PASSWORD + ":admin|writer,"
                + READER + ":" + READER_PASSWORD + ":reader");
        // a slow back-end call must not time out (test a holds an update outstanding for a few seconds) ...
        env.put("MIDTIER_BACKEND_TIMEOUT_MS", "15000");
        // ... and a back-end that is down dead-letters an update within seconds
        env.put("MIDTIER_BROKER_REDELIVERY_DELAY_MS", "200");
        env.put("MIDTIER_BROKER_MAX_REDELIVERY_DELAY_MS", "400");
        env.put("MIDTIER_BROKER_MAX_DELIVERY_ATTEMPTS", "3");
        env.put("MIDTIER_CHANGES_STREAM_MAX_SECONDS", String.valueOf(STREAM_MAX_SECONDS));
        app = MidtierProcess.jar("console", env).start(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        backend.faults().setDown(false).setLatencyMs(20);
    }

    @Test
    @Order(1)
    void a_put_shows_in_the_feed_and_the_outstanding_list_and_leaves_it_when_applied() throws Exception {
        read("1001");
        open(1280, 800);
        signIn(ADMIN, ADMIN_PASSWORD);
        awaitFeedLive();
        for (String resource : List.of("database", "broker", "transaction-manager", "back-end circuit")) {
            wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#readiness li.up[data-check='" + resource + "']")));
        }
        recordPageWeight();
        shot("a1-loaded");

        long before = latestSequence();
        backend.faults().setLatencyMs(6000);   // the update stays on its way long enough to be seen outstanding
        String updateId = put("1001", "CONSOLE ONE");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#outstanding-table tr[data-id='" + updateId + "']")));
        shot("a2-outstanding");
        browser.manage().window().setSize(new Dimension(390, 844));
        scrollTo("outstanding");
        shot("a3-outstanding-phone-width");
        browser.manage().window().setSize(new Dimension(1280, 800));

        WebElement change = wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#feed-list li[data-key='accounts/1001']:first-child")));
        wait(browser).until(d -> Long.parseLong(d.findElement(By.cssSelector("#feed-list li")).getAttribute("data-seq")) > before
                && d.findElement(By.cssSelector("#feed-list li")).getText().contains("APPLIED accounts/1001"));
        wait(browser).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#outstanding-table tr[data-id='" + updateId + "']"), 0));
        assertThat(change.isDisplayed()).isTrue();
        shot("a4-applied");
        assertThat(status(updateId)).isEqualTo("APPLIED");

        // the key filter asks the API, which filters the whole list: an order that is not on the first page (of 20,
        // oldest first) is found. The back-end's answers never reach midtier here (no reply-queue bridge in this
        // test), so the orders stay outstanding.
        List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            orders.add(order("CONSOLE " + i));
        }
        String wanted = orders.get(20);
        wait(browser).until(d -> d.findElements(By.cssSelector("#outstanding-table tr[data-kind='order']")).size() == 20);
        assertThat(browser.findElements(By.cssSelector("#outstanding-table tr[data-id='" + wanted + "']")))
                .as("the 21st order on the first page").isEmpty();
        browser.findElement(By.id("filter-key")).sendKeys(wanted);
        browser.findElement(By.cssSelector("#filter button[type='submit']")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#outstanding-table tr[data-id='" + wanted + "']")));
        wait(browser).until(d -> d.findElements(By.cssSelector("#outstanding-table tbody tr")).size() == 1);
        assertThat(requested("/api/orders?", "key=" + wanted)).as("the list request carries the key").isTrue();
        scrollTo("outstanding");
        shot("a5-key-filter");
        // an account id filters the updates: nothing of 1001 is pending any more
        browser.findElement(By.id("filter-key")).clear();
        browser.findElement(By.id("filter-key")).sendKeys("1001");
        browser.findElement(By.cssSelector("#filter button[type='submit']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("outstanding-empty"),
                "Nothing outstanding with key 1001"));
        assertThat(requested("/api/updates?", "key=1001")).isTrue();
        assertThat(browser.findElements(By.cssSelector("#outstanding-table tbody tr"))).isEmpty();
    }

    @Test
    @Order(2)
    void a_dead_letter_is_listed_with_its_reason_and_replayed_from_the_page() throws Exception {
        read("1002");
        open(1280, 800);
        signIn(ADMIN, ADMIN_PASSWORD);
        backend.faults().setDown(true);
        String updateId = put("1002", "CONSOLE TWO");
        WebElement row = wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#dl-table tr[data-id='" + updateId + "']")));
        assertThat(row.findElement(By.cssSelector("td.err")).getText()).as("the reason").isNotBlank();
        assertThat(status(updateId)).isEqualTo("FAILED");
        shot("b1-dead-letter");

        backend.faults().setDown(false);
        wait(browser).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#dl-table tr[data-id='" + updateId + "'] button.replay")).click();
            return true;
        });
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        shot("b2-confirm-replay");
        browser.findElement(By.id("confirm-ok")).click();
        wait(browser).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#dl-table tr[data-id='" + updateId + "']"), 0));
        await("the replayed update applied").atMost(WAIT).until(() -> "APPLIED".equals(status(updateId)));
        assertThat(browser.findElement(By.id("dl-message")).getText()).contains("Replayed");
        shot("b3-replayed");
    }

    @Test
    @Order(3)
    void a_reader_sees_the_dead_letter_but_gets_no_working_replay_and_a_forged_cross_site_post_is_refused()
            throws Exception {
        // an open dead letter to aim at
        read("1003");
        backend.faults().setDown(true);
        String updateId = put("1003", "CONSOLE THREE");
        await("dead-lettered").atMost(WAIT).until(() -> deadLetters().contains(updateId));
        backend.faults().setDown(false);

        open(1280, 800);
        signIn(READER, READER_PASSWORD);
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "no admin role"));
        // the reader sees the dead letter and why it failed ...
        WebElement row = wait(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#dl-table tr[data-id='" + updateId + "']")));
        assertThat(row.getText()).contains("accounts/1003");
        assertThat(row.findElement(By.cssSelector("td.err")).getText()).as("the reason").contains("gave up after 3 attempts");
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("dl-note"), "admin role"));
        // ... and has no button to act on it
        assertThat(browser.findElements(By.cssSelector("button.replay, button.discard"))).as("buttons for a reader").isEmpty();
        scrollTo("dead-letters");
        shot("c1-reader");
        // a POST the reader forces from the page itself (same origin, the reader's credentials) is refused: 403
        @SuppressWarnings("unchecked")
        List<Object> forced = (List<Object>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('../admin/dead-letters/' + arguments[0] + '/replay', {method: 'POST', credentials: 'omit',"
                        + " headers: {Authorization: 'Basic ' + btoa(arguments[1] + ':' + arguments[2])}})"
                        + ".then(r => r.json().then(b => done([r.status, b.error]))).catch(e => done([-1, String(e)]));",
                updateId, READER, READER_PASSWORD);
        assertThat(forced).as("the reader's forced replay").containsExactly(403L, "FORBIDDEN");
        // and so does the admin API to any other client
        assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                app.url("/admin/dead-letters/" + updateId + "/replay"))).POST(java.net.http.HttpRequest.BodyPublishers.noBody()),
                Http.basic(READER, READER_PASSWORD)).statusCode()).isEqualTo(403);

        // the browser remembers the admin's Basic credentials for midtier (as after its own sign-in prompt) ...
        browser.get(app.url("/admin/dead-letters").replace("http://", "http://" + ADMIN + ":" + ADMIN_PASSWORD + "@"));
        wait(browser).until(d -> d.getPageSource().contains(updateId));
        // ... and a page of another site (localhost is another site than 127.0.0.1) submits a form to the admin API
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String form = "<!doctype html><title>win a prize</title><form id=f method=post action=\""
                + app.url("/admin/dead-letters/" + updateId + "/replay") + "\"><button id=go>claim</button></form>";
        evil.createContext("/", exchange -> {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try {
            browser.get("http://localhost:" + evil.getAddress().getPort() + "/");
            browser.findElement(By.id("go")).click();
            wait(browser).until(d -> d.getPageSource().contains("CROSS_SITE_REQUEST"));
            shot("c2-forged-post-refused");
        } finally {
            evil.stop(0);
        }
        assertThat(deadLetters()).as("the dead letter is still open").contains(updateId);
        assertThat(status(updateId)).isEqualTo("FAILED");
    }

    @Test
    @Order(4)
    void the_feed_reconnects_each_time_the_server_ends_its_stream_and_shows_no_gap() throws Exception {
        int starts = app.starts();
        open(1280, 800);
        awaitFeedLive();
        String first = put("1001", "BEFORE THE CUT");
        await().atMost(WAIT).until(() -> "APPLIED".equals(status(first)));
        long shown = latestSequence();
        wait(browser).until(d -> seqs(d).contains(shown));
        int before = reconnects();
        scrollTo("feed");
        shot("d1-before-the-cut");

        // midtier ends the page's stream after STREAM_MAX_SECONDS (it keeps running): the page reconnects by itself
        wait(browser).until(d -> reconnects() > before);
        scrollTo("feed");
        shot("d2-stream-ended-by-the-server");
        // changes go on while the server ends the page's stream twice more
        List<String> updates = new java.util.ArrayList<>();
        long giveUp = System.nanoTime() + WAIT.toNanos();
        while (reconnects() < before + 3) {
            assertThat(System.nanoTime()).as("two more cuts within " + WAIT).isLessThan(giveUp);
            String update = put(updates.size() % 2 == 0 ? "1001" : "1002", "ACROSS THE CUT " + updates.size());
            updates.add(update);
            await().atMost(WAIT).until(() -> "APPLIED".equals(status(update)));
        }
        long last = latestSequence();
        wait(browser).until(d -> seqs(d).contains(last));
        wait(browser).until(ExpectedConditions.attributeToBe(By.id("feed"), "data-state", "live"));
        scrollTo("feed");
        shot("d3-reconnected");

        List<Long> seqs = seqs(browser);
        assertThat(app.starts()).as("midtier was not restarted").isEqualTo(starts);
        assertThat(updates).as("changes made across the cuts").hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("feed")).getAttribute("data-gaps")).as("gaps the page saw").isEqualTo("0");
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("sequence continuous: " + seqs).isEqualTo(seqs.get(i - 1) - 1);
        }
        assertThat(seqs).contains(shown, last);
    }

    @Test
    @Order(5)
    void a_feed_that_fell_behind_the_retention_window_says_so_and_reloads() throws Exception {
        // midtier again, now keeping three changes only (pruned every 300 ms; with one, a live stream one change
        // behind when the pruning runs is told to reload too)
        app.stop();
        app.close();
        Map<String, String> keepOne = new HashMap<>(env);
        keepOne.put("MIDTIER_CHANGES_RETENTION_MAX_COUNT", "3");
        keepOne.put("MIDTIER_CHANGES_RETENTION_CHECK_MS", "300");
        app = MidtierProcess.jar("console-retention", keepOne).start(Duration.ofMinutes(2));
        open(1280, 800);
        awaitFeedLive();

        // the page cannot reconnect (the browser blocks its stream requests) while changes it has not seen are pruned
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/changes/stream*")));
        app.restart(Duration.ofMinutes(2));
        wait(browser).until(ExpectedConditions.attributeToBe(By.id("feed"), "data-state", "reconnecting"));
        long shown = Long.parseLong(browser.findElement(By.id("feed-last")).getText());
        List<String> updates = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            updates.add(put(i % 2 == 0 ? "1001" : "1002", "RETENTION " + i));
        }
        await("applied and pruned past what the page showed").atMost(WAIT).until(() ->
                updates.stream().allMatch(u -> "APPLIED".equals(statusUnchecked(u)))
                        && JSON.readTree(Http.get(app.url("/api/changes/latest")).body()).get("prunedThrough").asLong() > shown);
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));

        wait(browser).until(ExpectedConditions.attributeToBe(By.id("feed"), "data-state", "gone"));
        assertThat(browser.findElement(By.id("feed-reload")).isDisplayed()).isTrue();
        scrollTo("feed");
        shot("e1-gone-reload-offered");
        browser.findElement(By.id("feed-reload-button")).click();
        wait(browser).until(ExpectedConditions.attributeToBe(By.id("feed"), "data-state", "live"));
        scrollTo("feed");
        shot("e2-reloaded");
    }

    // ---- helpers ----

    void open(int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createTempDirectory("console-it-chromium");
        // the flags this machine's closed network needs (no background connections), and a fresh profile
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/console/chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
        browser.get(app.url("/console"));
        wait(browser).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        // the page polls every few seconds: keep every request's timing entry (250 by default), see requested()
        browser.executeScript("performance.setResourceTimingBufferSize(100000)");
    }

    void signIn(String user, String password) {
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin-button")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Signed in as " + user));
    }

    void awaitFeedLive() {
        wait(browser).until(ExpectedConditions.attributeToBe(By.id("feed"), "data-state", "live"));
    }

    static WebDriverWait wait(org.openqa.selenium.WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    static List<Long> seqs(org.openqa.selenium.WebDriver driver) {
        return driver.findElements(By.cssSelector("#feed-list li")).stream()
                .map(li -> Long.parseLong(li.getAttribute("data-seq"))).toList();
    }

    int reconnects() {
        return Integer.parseInt(browser.findElement(By.id("feed-reconnects")).getText());
    }

    /** Whether the page has sent a request whose URL contains both parts (the browser's resource timing). */
    boolean requested(String path, String part) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').some(e => e.name.includes(arguments[0])"
                        + " && e.name.includes(arguments[1]));", path, part);
    }

    void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Bytes transferred and time to interactive of the first load, as the browser measured them. */
    void recordPageWeight() throws IOException {
        Object figures = ((JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                        + "const r = performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/console/'));"
                        + "return {bytes: n.transferSize + r.reduce((t, e) => t + e.transferSize, 0),"
                        + " body: n.decodedBodySize + r.reduce((t, e) => t + e.decodedBodySize, 0),"
                        + " files: [n.name].concat(r.map(e => e.name)).join(' '), domInteractiveMs: Math.round(n.domInteractive),"
                        + " readyMs: Number(document.body.dataset.readyMs),"
                        + " domContentLoadedMs: Math.round(n.domContentLoadedEventEnd), loadMs: Math.round(n.loadEventEnd)};");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) figures;
        Files.writeString(SHOTS.resolve("page-weight.txt"), map.toString() + System.lineSeparator());
        assertThat(((Number) map.get("bytes")).longValue()).as("bytes transferred on first load").isLessThan(300_000);
    }

    static void read(String account) {
        assertThat(Http.get(app.url("/api/accounts/" + account)).statusCode()).isEqualTo(200);
    }

    static String put(String account, String name) throws IOException {
        var response = Http.put(app.url("/api/accounts/" + account),
                JSON.createObjectNode().put("name", name).toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("updateId").asText();
    }

    static String order(String item) throws IOException {
        var response = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/api/orders")))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("item", item).put("quantity", 1).toString())),
                Map.of("Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("orderId").asText();
    }

    static String status(String updateId) throws IOException {
        return JSON.readTree(Http.get(app.url("/api/updates/" + updateId)).body()).get("status").asText();
    }

    static String statusUnchecked(String updateId) {
        try {
            return status(updateId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long latestSequence() throws IOException {
        return JSON.readTree(Http.get(app.url("/api/changes/latest")).body()).get("latest").asLong();
    }

    static String deadLetters() {
        return Http.get(app.url("/admin/dead-letters?size=100")).body();
    }
}

package io.midtier.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the simulator against the real PostgreSQL. Only accounts 1090..1100 are changed, and they are restored to
 * their seed values before every test, so other tests' changes elsewhere do not matter.
 */
class SimulatorTest {

    /** A database of this test class's own, made anew on the local PostgreSQL and dropped afterwards. */
    private static final String SERVER = System.getProperty("simulator.test.server", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String DATABASE = "simulator_test_" + ProcessHandle.current().pid();
    private static final String JDBC_URL = SERVER + DATABASE;
    private static final int FIRST_OWN_ACCOUNT = 1090;
    private static final int LAST_OWN_ACCOUNT = 1100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Simulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void startSimulator() throws SQLException {
        adminStatement("DROP DATABASE IF EXISTS " + DATABASE);
        adminStatement("CREATE DATABASE " + DATABASE);
        Simulator.Settings d = Simulator.Settings.defaults();
        // the simulator's state lives in the database this run was given, like the rows the test reads
        simulator = new Simulator(new Simulator.Settings(d.host(), 0, JDBC_URL, d.user(), d.password(),
                0, 0, d.maxConcurrent())).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopSimulator() throws SQLException {
        if (simulator != null) {
            simulator.close();
        }
        adminStatement("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private static void adminStatement(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @BeforeEach
    void restoreOwnAccounts() throws SQLException {
        simulator.faults().clear().setLatencyMs(0).setJitterMs(0);
        try (Connection connection = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            // Same expressions as V2__seed.sql.
            statement.executeUpdate("""
                    UPDATE simulator.account a
                       SET name = 'ACCOUNT HOLDER ' || g,
                           address = g || ' MAIN STREET, SPRINGFIELD',
                           phone = '+1-555-010-' || g,
                           balance_cents = ((g - 1000) * 123457) %% 10000000,
                           currency = 'EUR', status = 'A', last_update_token = NULL,
                           updated_at = TIMESTAMPTZ '2024-01-01 00:00:00+00'
                      FROM generate_series(%d, %d) AS g
                     WHERE a.id = g::text""".formatted(FIRST_OWN_ACCOUNT, LAST_OWN_ACCOUNT));
            statement.executeUpdate("""
                    DELETE FROM simulator.applied_update
                     WHERE account_id IN (SELECT g::text FROM generate_series(%d, %d) AS g)"""
                    .formatted(FIRST_OWN_ACCOUNT, LAST_OWN_ACCOUNT));
        }
    }

    @Test
    void inquiryReturnsTheSeededAccountInTheFixedLayout() throws Exception {
        HttpResponse<String> response = post(simulator, "/cics/ACCTINQ", "0000001095");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String expected = "00"
                + "0000001095"
                + "%-40s".formatted("ACCOUNT HOLDER 1095")
                + "%-60s".formatted("1095 MAIN STREET, SPRINGFIELD")
                + "%-20s".formatted("+1-555-010-1095")
                + "+00000001728415"       // (95 * 123457) % 10000000 cents
                + "EUR"
                + "A"
                + " ".repeat(36)          // never updated: no token
                + "2024-01-01-00.00.00.000000"
                + "190";                  // 2 * (1095 - 1000) seeded transactions
        assertEquals(216 + 190 * 80, response.body().length());
        assertEquals(expected, response.body().substring(0, 216));
        // most recent first: transaction 190 of the seed, posted 190 hours after 2024-01-01, a debit
        assertEquals("%012d".formatted(1095L * 1000 + 190) + "2024-01-08-22.00.00.000000" + "-"
                + "%014d".formatted((1095L * 190 * 104729) % 90000) + "%-27s".formatted("CARD PAYMENT 190"),
                response.body().substring(216, 296));
    }

    @Test
    void inquiryOfAccount1001AnswersWithWhatTheBackEndHolds() throws Exception {
        String record = post(simulator, "/cics/ACCTINQ", "0000001001").body();

        assertEquals(216 + 2 * 80, record.length());
        assertEquals("00", record.substring(0, 2));
        assertEquals("0000001001", record.substring(2, 12));
        // Other tests may rename 1001; the seed name holds unless they did.
        String held = accountJson("1001").get("name").asText();
        assertEquals(held, record.substring(12, 52).trim());
    }

    @Test
    void inquiryReturnsAtMostTheTwoHundredMostRecentTransactions() throws Exception {
        String record = post(simulator, "/cics/ACCTINQ", "0000001100").body();

        assertEquals("200", record.substring(213, 216), "1100 has 220 transactions; the inquiry returns 200");
        assertEquals(216 + 200 * 80, record.length());
        assertEquals("%012d".formatted(1100L * 1000 + 220), record.substring(216, 228));
        assertEquals("%012d".formatted(1100L * 1000 + 21), record.substring(216 + 199 * 80, 228 + 199 * 80));
    }

    @Test
    void unknownAccountIsNotFound() throws Exception {
        HttpResponse<String> response = post(simulator, "/cics/ACCTINQ", "0000009999");

        assertEquals(200, response.statusCode());
        assertEquals("13" + "0000009999" + " ".repeat(201) + "000", response.body());
    }

    @Test
    void malformedAccountIdsAreInvalidRequests() throws Exception {
        long inquiriesBefore = simulator.stats().inquiries();

        String letters = post(simulator, "/cics/ACCTINQ", "00000ABC01").body();
        String tooShort = post(simulator, "/cics/ACCTINQ", "1001").body();
        String tooLong = post(simulator, "/cics/ACCTINQ", "00000010011").body();

        assertEquals("12" + "00000ABC01" + " ".repeat(201) + "000", letters);
        assertEquals("12" + "1001      " + " ".repeat(201) + "000", tooShort);
        assertEquals("12" + " ".repeat(211) + "000", tooLong);
        assertEquals(inquiriesBefore + 3, simulator.stats().inquiries());
    }

    @Test
    void updateIsAppliedAndSeenByTheNextInquiry() throws Exception {
        String token = UUID.randomUUID().toString();

        HttpResponse<String> response = post(simulator, "/cics/ACCTUPD",
                updateRecord(token, 1090, "JANE DOE", "1 NEW ROAD, SPRINGFIELD", "+1-555-999-0000"));

        assertEquals(200, response.statusCode());
        assertEquals(72, response.body().length());
        assertEquals("00", response.body().substring(0, 2));
        assertEquals("0000001090", response.body().substring(2, 12));

        String inquiry = post(simulator, "/cics/ACCTINQ", "0000001090").body();
        assertEquals("%-40s".formatted("JANE DOE"), inquiry.substring(12, 52));
        assertEquals("%-60s".formatted("1 NEW ROAD, SPRINGFIELD"), inquiry.substring(52, 112));
        assertEquals("%-20s".formatted("+1-555-999-0000"), inquiry.substring(112, 132));
        assertEquals(token, inquiry.substring(151, 187));
        assertNotEquals("2024-01-01-00.00.00.000000", inquiry.substring(187, 213));
        assertTrue(inquiry.substring(187, 213).matches("\\d{4}-\\d{2}-\\d{2}-\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{6}"));

        JsonNode held = accountJson("1090");
        assertEquals("JANE DOE", held.get("name").asText());
        assertEquals(token, held.get("lastUpdateToken").asText());
        assertEquals(1111130L, held.get("balanceCents").asLong(), "an update does not touch the balance");
    }

    @Test
    void sameTokenTwiceIsAppliedTwiceAndCountedAsDuplicate() throws Exception {
        Stats before = simulator.stats();
        String token = UUID.randomUUID().toString();

        String first = post(simulator, "/cics/ACCTUPD", updateRecord(token, 1091, "FIRST TRY", "A", "1")).body();
        String second = post(simulator, "/cics/ACCTUPD", updateRecord(token, 1091, "SECOND TRY", "B", "2")).body();

        assertEquals("00", first.substring(0, 2));
        assertEquals(first, second, "the program cannot tell a retry from a new update");
        Stats after = simulator.stats();
        assertEquals(before.updates() + 2, after.updates());
        assertEquals(before.duplicates() + 1, after.duplicates());

        List<Applied> applied = appliedRows("1091");
        assertEquals(List.of(new Applied(token, "FIRST TRY", false), new Applied(token, "SECOND TRY", true)), applied);
        JsonNode json = getJson("/simulator/applied?account=0000001091");
        assertEquals(2, json.size());
        assertTrue(json.get(0).get("seq").asLong() < json.get(1).get("seq").asLong());
        assertFalse(json.get(0).get("duplicate").asBoolean());
        assertTrue(json.get(1).get("duplicate").asBoolean());
        assertEquals("SECOND TRY", accountJson("1091").get("name").asText());
    }

    @Test
    void failNextUpdatesAbendsOnceAndChangesNothing() throws Exception {
        JsonNode faults = putFaults(Map.of("failNextUpdates", 1));
        assertEquals(1, faults.get("failNextUpdates").asInt());
        long abendsBefore = simulator.stats().abends();

        HttpResponse<String> failed = post(simulator, "/cics/ACCTUPD",
                updateRecord(UUID.randomUUID().toString(), 1092, "NOT APPLIED", "X", "X"));

        assertEquals(500, failed.statusCode());
        assertEquals(AcctUpd.reply("99", "0000001092", "ABEND ASRA"), failed.body());
        assertEquals(abendsBefore + 1, simulator.stats().abends());
        assertEquals("ACCOUNT HOLDER 1092", accountJson("1092").get("name").asText());
        assertTrue(appliedRows("1092").isEmpty());
        assertEquals(0, simulator.faults().failNextUpdates());

        HttpResponse<String> next = post(simulator, "/cics/ACCTUPD",
                updateRecord(UUID.randomUUID().toString(), 1092, "APPLIED", "Y", "Y"));
        assertEquals(200, next.statusCode());
        assertEquals("00", next.body().substring(0, 2));
        assertEquals("APPLIED", accountJson("1092").get("name").asText());
    }

    @Test
    void abendAfterApplyAppliesTheUpdateRecordsItsTokenAndAnswersAnAbend() throws Exception {
        JsonNode faults = putFaults(Map.of("abendAfterApplyNextUpdates", 1));
        assertEquals(1, faults.get("abendAfterApplyNextUpdates").asInt());
        Stats before = simulator.stats();
        String token = UUID.randomUUID().toString();

        HttpResponse<String> abended = post(simulator, "/cics/ACCTUPD", updateRecord(token, 1098, "APPLIED THEN ABEND", "X", "X"));

        assertEquals(500, abended.statusCode());
        assertEquals(AcctUpd.reply("99", "0000001098", "ABEND ASRA"), abended.body());
        // the answer says failure, yet the update is there, once, and the token tells so
        assertEquals("APPLIED THEN ABEND", accountJson("1098").get("name").asText());
        assertEquals(token, accountJson("1098").get("lastUpdateToken").asText());
        assertEquals(List.of(new Applied(token, "APPLIED THEN ABEND", false)), appliedRows("1098"));
        assertEquals(before.abends() + 1, simulator.stats().abends());
        assertEquals(before.updates() + 1, simulator.stats().updates());
        assertEquals(0, simulator.faults().abendAfterApplyNextUpdates());

        HttpResponse<String> next = post(simulator, "/cics/ACCTUPD",
                updateRecord(UUID.randomUUID().toString(), 1098, "NEXT", "Y", "Y"));
        assertEquals(200, next.statusCode());
        assertEquals("00", next.body().substring(0, 2));
    }

    @Test
    void slowAfterApplyAppliesTheUpdateBeforeTheSlowAnswer() throws Exception {
        JsonNode faults = putFaults(Map.of("slowAfterApplyNextUpdates", 1, "slowAfterApplyMs", 1500));
        assertEquals(1, faults.get("slowAfterApplyNextUpdates").asInt());
        assertEquals(1500, faults.get("slowAfterApplyMs").asLong());
        String token = UUID.randomUUID().toString();

        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(postRequest(simulator, "/cics/ACCTUPD",
                updateRecord(token, 1099, "APPLIED THEN SLOW", "X", "X")), HttpResponse.BodyHandlers.ofString());
        // applied (token recorded) while the caller still waits for the answer
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> token.equals(accountJson("1099").path("lastUpdateToken").asText()));
        assertFalse(answer.isDone(), "the answer came before the slow part");
        HttpResponse<String> slow = answer.get();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(200, slow.statusCode());
        assertEquals("00", slow.body().substring(0, 2));
        assertTrue(tookMs >= 1500, "answered after " + tookMs + " ms");
        assertEquals(List.of(new Applied(token, "APPLIED THEN SLOW", false)), appliedRows("1099"));
        assertEquals(0, simulator.faults().slowAfterApplyNextUpdates());
    }

    @Test
    void afterApplyFaultsAreClearedAndRejectNegativeCounts() throws Exception {
        putFaults(Map.of("abendAfterApplyNextUpdates", 2, "slowAfterApplyNextUpdates", 3, "slowAfterApplyMs", 100));
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri(simulator, "/simulator/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"abendAfterApplyNextUpdates\":-1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertEquals(2, simulator.faults().abendAfterApplyNextUpdates(), "a bad field changes nothing");

        Faults.Snapshot cleared = simulator.faults().clear().snapshot();
        assertEquals(0, cleared.abendAfterApplyNextUpdates());
        assertEquals(0, cleared.slowAfterApplyNextUpdates());
        assertEquals(Faults.DEFAULT_SLOW_AFTER_APPLY_MS, cleared.slowAfterApplyMs());
    }

    @Test
    void rejectNextUpdatesAnswersAccountLockedAndChangesNothing() throws Exception {
        putFaults(Map.of("rejectNextUpdates", 1));
        long rejectedBefore = simulator.stats().rejected();
        long updatesBefore = simulator.stats().updates();

        HttpResponse<String> rejected = post(simulator, "/cics/ACCTUPD",
                updateRecord(UUID.randomUUID().toString(), 1093, "NOT APPLIED", "X", "X"));

        assertEquals(200, rejected.statusCode());
        assertEquals(AcctUpd.reply("20", "0000001093", "ACCOUNT LOCKED"), rejected.body());
        assertEquals(rejectedBefore + 1, simulator.stats().rejected());
        assertEquals(updatesBefore, simulator.stats().updates());
        JsonNode held = accountJson("1093");
        assertEquals("ACCOUNT HOLDER 1093", held.get("name").asText());
        assertTrue(held.get("lastUpdateToken").isNull());
        assertTrue(appliedRows("1093").isEmpty());

        assertEquals("00", post(simulator, "/cics/ACCTUPD",
                updateRecord(UUID.randomUUID().toString(), 1093, "APPLIED", "Y", "Y")).body().substring(0, 2));
    }

    @Test
    void downRegionAnswers503AndChangesNothing() throws Exception {
        putFaults(Map.of("down", true));

        HttpResponse<String> inquiry = post(simulator, "/cics/ACCTINQ", "0000001094");
        HttpResponse<String> update = post(simulator, "/cics/ACCTUPD",
                updateRecord(UUID.randomUUID().toString(), 1094, "NOT APPLIED", "X", "X"));

        assertEquals(503, inquiry.statusCode());
        assertEquals(503, update.statusCode());
        assertEquals("99", update.body().substring(0, 2));
        assertEquals("ACCOUNT HOLDER 1094", accountJson("1094").get("name").asText());
        assertTrue(appliedRows("1094").isEmpty());

        putFaults(Map.of("down", false));
        assertEquals(200, post(simulator, "/cics/ACCTINQ", "0000001094").statusCode());
    }

    @Test
    void errorRateOneAbendsEveryCall() throws Exception {
        putFaults(Map.of("errorRate", 1.0));
        long inquiriesBefore = simulator.stats().inquiries();

        HttpResponse<String> response = post(simulator, "/cics/ACCTINQ", "0000001096");

        assertEquals(500, response.statusCode());
        assertEquals(216, response.body().length());
        assertEquals("99" + "0000001096", response.body().substring(0, 12));
        assertEquals(inquiriesBefore, simulator.stats().inquiries(), "an abended call never reached the program");
    }

    @Test
    void invalidUpdatesAreRejectedWithReturnCode12() throws Exception {
        String blankName = updateRecord(UUID.randomUUID().toString(), 1097, "", "ADDRESS", "PHONE");
        String truncated = blankName.substring(0, 100);
        String unknown = updateRecord(UUID.randomUUID().toString(), 9999, "NOBODY", "", "");

        HttpResponse<String> blank = post(simulator, "/cics/ACCTUPD", blankName);
        HttpResponse<String> shortRecord = post(simulator, "/cics/ACCTUPD", truncated);
        HttpResponse<String> notFound = post(simulator, "/cics/ACCTUPD", unknown);

        assertEquals(200, blank.statusCode());
        assertEquals(AcctUpd.reply("12", "0000001097", "NAME MUST NOT BE BLANK"), blank.body());
        assertEquals("12" + "0000001097", shortRecord.body().substring(0, 12));
        assertEquals(72, shortRecord.body().length());
        assertEquals(AcctUpd.reply("13", "0000009999", "ACCOUNT NOT FOUND"), notFound.body());
        assertTrue(appliedRows("1097").isEmpty());
    }

    @Test
    void unknownTransactionIs404WithReturnCode12() throws Exception {
        HttpResponse<String> response = post(simulator, "/cics/ACCTDEL", "0000001098");

        assertEquals(404, response.statusCode());
        assertEquals("12", response.body().substring(0, 2));
    }

    @Test
    void latencyIsAppliedToEveryCall() throws Exception {
        putFaults(Map.of("latencyMs", 300));

        long start = System.nanoTime();
        post(simulator, "/cics/ACCTINQ", "0000001098");

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
    }

    @Test
    void concurrencyLimitHolds() throws Exception {
        Simulator.Settings d = Simulator.Settings.defaults();
        Simulator.Settings settings = new Simulator.Settings(d.host(), 0, JDBC_URL, d.user(),
                d.password(), d.latencyMs(), d.jitterMs(), d.maxConcurrent()).withLatencyMs(200).withMaxConcurrent(2);
        try (Simulator limited = new Simulator(settings).start()) {
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(http.sendAsync(postRequest(limited, "/cics/ACCTINQ", "000000109" + i),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

            for (CompletableFuture<HttpResponse<String>> call : calls) {
                assertEquals("00", call.get().body().substring(0, 2));
            }
            assertEquals(2, limited.stats().maxInFlight(), "never more than 2 at once, and the limit was reached");
            assertEquals(0, limited.stats().inFlight());
            assertEquals(6, limited.stats().inquiries());
            // Six 200 ms transactions, two at a time: at least three rounds.
            assertTrue(elapsedMs >= 600, "took only " + elapsedMs + " ms");
        }
    }

    @Test
    void statsJsonCarriesTheCounters() throws Exception {
        post(simulator, "/cics/ACCTINQ", "0000001099");

        JsonNode json = getJson("/simulator/stats");
        Stats stats = simulator.stats();

        for (String counter : List.of("inquiries", "updates", "duplicates", "rejected", "abends", "unavailable",
                "inFlight", "maxInFlight")) {
            assertTrue(json.has(counter), counter);
        }
        assertTrue(json.get("inquiries").asLong() >= 1);
        assertEquals(stats.inquiries(), json.get("inquiries").asLong());
        assertEquals(stats.updates(), json.get("updates").asLong());
        assertEquals(stats.duplicates(), json.get("duplicates").asLong());
        assertEquals(stats.rejected(), json.get("rejected").asLong());
    }

    @Test
    void faultsAreReadAndChangedOverHttp() throws Exception {
        JsonNode changed = putFaults(Map.of("jitterMs", 5, "errorRate", 0.0, "rejectNextUpdates", 3));
        assertEquals(5, changed.get("jitterMs").asLong());
        assertEquals(3, changed.get("rejectNextUpdates").asInt());
        assertEquals(0, changed.get("latencyMs").asLong());
        assertFalse(changed.get("down").asBoolean());

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri(simulator, "/simulator/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\": 10, \"errorRate\": 2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        JsonNode current = getJson("/simulator/faults");
        assertEquals(0, current.get("latencyMs").asLong(), "a rejected PUT changes nothing");
        assertEquals(3, current.get("rejectNextUpdates").asInt());
    }

    @Test
    void backEndViewOfAnAccountIsNotAnInquiry() throws Exception {
        long inquiriesBefore = simulator.stats().inquiries();

        JsonNode account = accountJson("1100");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(uri(simulator, "/simulator/accounts/9999")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("1100", account.get("id").asText());
        assertEquals("ACCOUNT HOLDER 1100", account.get("name").asText());
        assertEquals("EUR", account.get("currency").asText());
        assertEquals("A", account.get("status").asText());
        assertEquals(404, missing.statusCode());
        assertEquals(inquiriesBefore, simulator.stats().inquiries());
    }

    @Test
    void mainReadsSystemPropertiesBeforeEnvironmentBeforeDefaults() {
        Properties properties = new Properties();
        properties.setProperty("simulator.port", "9191");
        Map<String, String> environment = Map.of("SIMULATOR_PORT", "9292", "SIMULATOR_LATENCY_MS", "5");

        Simulator.Settings settings = SimulatorMain.settings(properties, environment);

        assertEquals(9191, settings.port());
        assertEquals(5, settings.latencyMs());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(4, settings.maxConcurrent());
        assertEquals("", settings.password());
    }

    private record Applied(String token, String name, boolean duplicate) {
    }

    private static List<Applied> appliedRows(String accountId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JDBC_URL, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT token, name, duplicate FROM simulator.applied_update WHERE account_id = ? ORDER BY seq")) {
            statement.setString(1, accountId);
            try (ResultSet rs = statement.executeQuery()) {
                List<Applied> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Applied(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
                return rows;
            }
        }
    }

    private static String updateRecord(String token, int accountId, String name, String address, String phone) {
        // Built by hand, not with AcctUpd, so the layout itself is under test.
        String record = "%-36s%010d%-40s%-60s%-20s".formatted(token, accountId, name, address, phone);
        assertEquals(166, record.length());
        return record;
    }

    private static JsonNode accountJson(String id) throws IOException, InterruptedException {
        return getJson("/simulator/accounts/" + id);
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(simulator, path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static JsonNode putFaults(Map<String, Object> changes) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(simulator, "/simulator/faults"))
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(changes))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(Simulator target, String path, String record)
            throws IOException, InterruptedException {
        return http.send(postRequest(target, path, record), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
    }

    private static HttpRequest postRequest(Simulator target, String path, String record) {
        return HttpRequest.newBuilder(uri(target, path))
                .header("Content-Type", "text/plain; charset=US-ASCII")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(record, StandardCharsets.US_ASCII))
                .build();
    }

    private static URI uri(Simulator target, String path) {
        return URI.create(target.baseUrl() + path);
    }
}

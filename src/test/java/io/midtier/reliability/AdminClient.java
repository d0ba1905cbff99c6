package io.midtier.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.testsupport.MidtierProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Support's calls on the dead letters (docs/operations.md), recorded like every other call. */
final class AdminClient {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin-dev".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final MidtierProcess node;
    private final CallLog log;

    AdminClient(MidtierProcess node, CallLog log) {
        this.node = node;
        this.log = log;
    }

    /** The update ids of the open dead letters, oldest first (every page). */
    List<String> openDeadLetters() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> answer = call("GET", "/admin/dead-letters?page=" + page + "&size=100", "list");
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /admin/dead-letters answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode list = JSON.readTree(answer.body());
            list.forEach(letter -> ids.add(letter.get("updateId").asText()));
            if (list.size() < 100) {
                return ids;
            }
        }
    }

    /** POST /admin/dead-letters/{id}/replay; returns the status (202, or 409 when the entry moved on). */
    int replay(String updateId) throws IOException, InterruptedException {
        return call("POST", "/admin/dead-letters/" + updateId + "/replay", updateId).statusCode();
    }

    private HttpResponse<String> call(String method, String path, String key) throws IOException, InterruptedException {
        long start = log.nowMs();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(node.url(path)))
                .timeout(Duration.ofSeconds(20)).header("Authorization", ADMIN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        log.record(-1, "ADMIN", key, method + " " + path, start, answer.statusCode(), null,
                answer.statusCode() >= 400 ? answer.body() : null);
        return answer;
    }
}

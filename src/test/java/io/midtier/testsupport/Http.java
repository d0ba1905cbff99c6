package io.midtier.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A real HTTP client for the tests: what a browser or front-end would send. Without an Authorization header
 * from the caller it logs in as {@link #DEFAULT_USER} (roles admin and writer, see MidtierTestApp); pass
 * {@link #anonymous()} to send no credentials, or {@link #basic(String, String)} to send others.
 */
public final class Http {

    public static final String DEFAULT_USER = "midtier-test";
    public static final String DEFAULT_PASSWORD = "midtier-test-secret";
    private static final String AUTHORIZATION = "Authorization";

    // HTTP/1.1 like a browser on plain http (no h2c upgrade, whose stream limit refuses 100+ concurrent requests)
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
    }

    public static HttpResponse<String> get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    public static HttpResponse<String> put(String url, String json) {
        return put(url, json, Map.of("Content-Type", "application/json"));
    }

    public static HttpResponse<String> put(String url, String body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    public static HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), Map.of());
    }

    public static HttpResponse<String> delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), Map.of());
    }

    /** A response whose body is read as it arrives (e.g. Server-Sent Events); closing the body disconnects. */
    public static HttpResponse<java.io.InputStream> openStream(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch(AUTHORIZATION::equalsIgnoreCase)) {
            request.header(AUTHORIZATION, basicValue(DEFAULT_USER, DEFAULT_PASSWORD));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Headers that send these credentials (HTTP basic). */
    public static Map<String, String> basic(String user, String password) {
        return Map.of(AUTHORIZATION, basicValue(user, password));
    }

    /** Headers that send no credentials at all. */
    public static Map<String, String> anonymous() {
        return Map.of(AUTHORIZATION, "");
    }

    public static String basicValue(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
        boolean credentialsGiven = false;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(AUTHORIZATION)) {
                credentialsGiven = true;
                if (header.getValue() == null || header.getValue().isEmpty()) {
                    continue;
                }
            }
            request.header(header.getKey(), header.getValue());
        }
        if (!credentialsGiven) {
            request.header(AUTHORIZATION, basicValue(DEFAULT_USER, DEFAULT_PASSWORD));
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

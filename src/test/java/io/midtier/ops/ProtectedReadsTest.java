package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// reads protected by configuration (midtier.security.reads-open=false): any known user may read, nobody else.
class ProtectedReadsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> properties = MidtierTestApp.defaults(db, "protected-reads");
        properties.put("midtier.security.reads-open", "false");
        app = MidtierTestApp.start(properties);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_read_without_credentials_is_401_and_a_reader_may_read() {
        String url = app.url("/api/accounts/1001");

        assertThat(Http.get(url, Http.anonymous()).statusCode()).isEqualTo(401);
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, "wrong")).statusCode()).isEqualTo(401);
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_open_dead_letters_are_read_under_the_same_policy_as_the_other_lists() {
        String url = app.url("/api/dead-letters");

        var anonymous = Http.get(url, Http.anonymous());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_reader_still_may_not_write() {
        var response = Http.put(app.url("/api/accounts/1001"), "{\"name\":\"READER\"}", Map.of(
                "Content-Type", "application/json",
                "Authorization", Http.basicValue(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(403);
    }
}

package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// the prod profile: midtier refuses to start while a password is empty or a development default, and
// starts once every one is set; in prod the routes come from the jar and are not watched.
class ProdProfileTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void the_prod_profile_with_default_passwords_refuses_to_start_and_names_them() {
        Map<String, String> properties = MidtierTestApp.defaults(db, "prod-refused");
        properties.put("midtier.security.users", "admin:admin-dev:admin|writer,ops:a-real-secret:admin");

        assertThatThrownBy(() -> startInProd(properties).close())
                .satisfies(e -> {
                    String message = rootCause(e).getMessage();
                    assertThat(message).contains("prod profile")
                            .contains("midtier.broker.password").contains("midtier.jmx.password")
                            .contains("midtier.db.password").contains("midtier.security.users (user admin)")
                            .doesNotContain("user ops").doesNotContain("admin-dev").doesNotContain("midtier-dev");
                });
    }

    @Test
    void the_prod_profile_without_a_backend_url_refuses_to_start_and_names_the_setting() {
        Map<String, String> properties = withRealPasswords(MidtierTestApp.defaults(db, "prod-no-backend"));
        // as an operator who forgot it: set, but empty (application-prod.properties has no default)
        properties.put("midtier.backend.url", "");

        assertThatThrownBy(() -> startInProd(properties).close())
                .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(io.midtier.run.StartRefused.class)
                        .hasMessageContaining("prod profile").hasMessageContaining("midtier.backend.url"));
    }

    @Test
    void the_prod_profile_starts_when_every_password_is_set() {
        Map<String, String> properties = withRealPasswords(MidtierTestApp.defaults(db, "prod-started"));
        // let application.properties and application-prod.properties decide about route reload
        properties.remove("camel.main.routes-reload-enabled");

        try (MidtierTestApp app = startInProd(properties)) {
            assertThat(app.context().getCamelContextExtension().getProfile()).isEqualTo("prod");
            assertThat(Http.get(app.url("/api/accounts/1001")).statusCode()).isEqualTo(200);
            assertThat(app.context().hasService(org.apache.camel.support.RouteWatcherReloadStrategy.class)).isNull();
        }
    }

    /** Every password set to something other than a development default (the test users' are not defaults). */
    private static Map<String, String> withRealPasswords(Map<String, String> properties) {
        properties.put("midtier.db.password", "db-secret-1");
        properties.put("midtier.broker.password", "broker-secret-1");
        properties.put("midtier.jmx.password", "jmx-secret-1");
        return properties;
    }

    /** As a user selects it (-Dcamel.main.profile or CAMEL_MAIN_PROFILE): camel-main reads it before the rest. */
    private static MidtierTestApp startInProd(Map<String, String> properties) {
        System.setProperty("camel.main.profile", "prod");
        try {
            return MidtierTestApp.start(properties);
        } finally {
            System.clearProperty("camel.main.profile");
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}

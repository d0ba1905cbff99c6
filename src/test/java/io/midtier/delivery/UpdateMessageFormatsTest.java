package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

// Which update messages a consumer reads: the current and the previous schema version, named by the header or,
// without one, by the message's own field; any other is refused with the reason it goes to the dead letters with.
class UpdateMessageFormatsTest {

    private final UpdateMessageFormats formats = new UpdateMessageFormats();

    /** The exchange properties inspect sets (a property set to null is absent). */
    private Map<String, Object> inspect(Object header, String message) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader("midtierSchemaVersion", header);
        exchange.getIn().setBody(message);
        exchange.setProperty("formatProblem", "left by an earlier step");
        formats.inspect(exchange);
        return exchange.getProperties();
    }

    @Test
    void the_header_names_the_version_before_the_message_does() {
        assertThat(inspect(" 1 ", "{\"schemaVersion\":2}")).containsEntry("schemaVersion", 1)
                .doesNotContainKey("formatProblem");
        assertThat(inspect(null, "{\"schemaVersion\":2}")).containsEntry("schemaVersion", UpdateMessageFormats.CURRENT)
                .doesNotContainKey("formatProblem");
    }

    @Test
    void a_message_without_a_readable_version_is_refused_with_the_reason() {
        assertThat(inspect(null, "{\"fields\":{}}")).doesNotContainKey("schemaVersion")
                .extractingByKey("formatProblem").asString().startsWith("update message without a schema version");
        assertThat(inspect("two", "{\"schemaVersion\":2}")).doesNotContainKey("schemaVersion");
        assertThat(inspect(null, "not json")).doesNotContainKey("schemaVersion");
    }

    @Test
    void an_unknown_version_is_refused_naming_the_versions_read() {
        assertThat(inspect("3", "{}")).containsEntry("schemaVersion", 3)
                .extractingByKey("formatProblem").asString()
                .contains("schema version 3 is unknown").contains("versions 1 and 2");
    }
}

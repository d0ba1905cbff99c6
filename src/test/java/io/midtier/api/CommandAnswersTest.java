package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.orders.OrderMessages;
import org.junit.jupiter.api.Test;

class CommandAnswersTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CommandAnswers answers = new CommandAnswers();

    @Test
    void an_order_submitted_says_where_to_follow_it() throws Exception {
        JsonNode body = json.readTree(answers.orderSubmitted("o-1"));
        assertThat(body.toString()).isEqualTo(
                "{\"orderId\":\"o-1\",\"status\":\"SUBMITTED\",\"location\":\"/api/orders/o-1\"}");
    }

    @Test
    void a_replayed_update_is_pending_again_and_a_discarded_one_has_no_location() throws Exception {
        assertThat(json.readTree(answers.updateReplayed("u-1")).toString()).isEqualTo(
                "{\"updateId\":\"u-1\",\"status\":\"PENDING\",\"location\":\"/api/updates/u-1\"}");
        assertThat(json.readTree(answers.updateDiscarded("u-1")).toString()).isEqualTo(
                "{\"updateId\":\"u-1\",\"status\":\"DISCARDED\"}");
    }

    @Test
    void values_are_escaped_not_pasted() throws Exception {
        assertThat(json.readTree(answers.updateDiscarded("a\"b")).get("updateId").asText()).isEqualTo("a\"b");
    }

    @Test
    void the_order_message_carries_its_format_version_and_the_order_id() throws Exception {
        JsonNode message = json.readTree(new OrderMessages().create("o-2"));
        assertThat(message.get("schemaVersion").asInt()).isEqualTo(OrderMessages.SCHEMA_VERSION).isEqualTo(1);
        assertThat(message.get("orderId").asText()).isEqualTo("o-2");
    }
}

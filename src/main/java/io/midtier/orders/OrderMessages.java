package io.midtier.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The order message midtier puts on the orders queue for the back-end's order program (format version 1). */
public class OrderMessages {

    public static final int SCHEMA_VERSION = 1;

    record OrderMessage(int schemaVersion, String orderId) {
    }

    private final ObjectMapper json = new ObjectMapper();

    /** {@code {"schemaVersion":1,"orderId":…}}: the order's fields stay in midtier's database, keyed by its id. */
    public String create(String orderId) {
        try {
            return json.writeValueAsString(new OrderMessage(SCHEMA_VERSION, orderId));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

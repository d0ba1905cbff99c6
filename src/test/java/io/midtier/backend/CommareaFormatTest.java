package io.midtier.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.dataformat.bindy.fixed.BindyFixedLengthDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// the single-record read gives what Bindy's own unmarshal gives for the same COMMAREA, and fails where it fails
class CommareaFormatTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final CommareaFormat format = new CommareaFormat(AccountUpdateReply.class);
    private final BindyFixedLengthDataFormat bindy = new BindyFixedLengthDataFormat(AccountUpdateReply.class);

    @BeforeEach
    void start() {
        context.start();
        for (BindyFixedLengthDataFormat f : new BindyFixedLengthDataFormat[] {format, bindy}) {
            f.setCamelContext(context);
            f.start();
        }
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void reads_a_full_reply_as_bindy_does() throws Exception {
        String reply = "00" + "0000001023" + pad("ACCOUNT UPDATED", 60);
        AccountUpdateReply read = (AccountUpdateReply) format.unmarshal(exchange(), reply);

        assertThat(read).usingRecursiveComparison().isEqualTo(bindy(reply));
        assertThat(read.getReturnCode()).isEqualTo("00");
        assertThat(read.getAccountId()).isEqualTo("0000001023");
        assertThat(read.getMessage().strip()).isEqualTo("ACCOUNT UPDATED");
    }

    @Test
    void reads_a_short_reply_padded_as_bindy_does() throws Exception {
        String reply = "12" + "0000001023" + "ACCOUNT LOCKED";
        AccountUpdateReply read = (AccountUpdateReply) format.unmarshal(exchange(), reply);

        assertThat(read.getReturnCode()).isEqualTo("12");
        assertThat(read.getMessage()).isEqualTo("ACCOUNT LOCKED");
        assertThat(read).usingRecursiveComparison().isEqualTo(bindy(reply));
    }

    @Test
    void refuses_a_record_longer_than_its_model_as_bindy_does() {
        String reply = "00" + "0000001023" + pad("ACCOUNT UPDATED", 60) + "X";
        assertThatThrownBy(() -> bindy(reply)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> format.unmarshal(exchange(), reply)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("73");
    }

    @Test
    void a_reply_with_a_line_end_goes_bindys_way() throws Exception {
        String reply = "00" + "0000001023" + pad("ACCOUNT UPDATED", 60) + "\r\n";
        assertThat(format.unmarshal(exchange(), reply)).usingRecursiveComparison().isEqualTo(bindy(reply));
    }

    private Object bindy(String reply) throws Exception {
        return bindy.unmarshal(exchange(), new ByteArrayInputStream(reply.getBytes(StandardCharsets.US_ASCII)));
    }

    private Exchange exchange() {
        return new DefaultExchange(context);
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }
}

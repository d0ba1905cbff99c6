package io.midtier.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.api.BackendUnavailableException;
import io.midtier.simulator.Account;
import io.midtier.simulator.AcctInq;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.dataformat.bindy.fixed.BindyFixedLengthDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// the contract between the simulator's ACCTINQ record and midtier's Bindy mapping: what one writes, the other reads.
class AccountInquiryMappingTest {

    static CamelContext camel;
    static final AccountMapper MAPPER = new AccountMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Account ACCOUNT = new Account("1234", "JANE DOE", "1 MAIN ST", "+1-555-0100", -12345, "EUR", "A",
            "3f1c2b9e-0000-4000-8000-000000000001", OffsetDateTime.of(2025, 3, 1, 12, 30, 0, 0, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @Test
    void the_account_fields_and_every_transaction_are_read_from_the_record() throws Exception {
        List<AcctInq.Transaction> transactions = List.of(
                new AcctInq.Transaction(1234002, OffsetDateTime.of(2025, 2, 28, 9, 15, 0, 0, ZoneOffset.UTC), -4599, "CARD PAYMENT"),
                new AcctInq.Transaction(1234001, OffsetDateTime.of(2025, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC), 250000, "SALARY FEBRUARY 2025 ACME C"));
        String record = AcctInq.reply(ACCOUNT, transactions);

        AccountInquiryReply reply = MAPPER.requireAnswer(MAPPER.single(unmarshal(AccountInquiryReply.class, record)));
        JsonNode account = JSON.readTree(MAPPER.toAccountJson(reply));
        JsonNode items = JSON.readTree(MAPPER.toTransactionsJson(
                (List<?>) unmarshal(AccountTransactionRecord.class, MAPPER.transactionLines(record, reply))));

        assertThat(reply.getLastUpdateToken()).isEqualTo(ACCOUNT.lastUpdateToken());
        assertThat(reply.getTransactionCount()).isEqualTo(2);
        assertThat(account.get("id").asText()).isEqualTo("1234");
        // the back-end pads text fields with blanks; the front-end gets them without
        assertThat(account.get("name").asText()).isEqualTo("JANE DOE");
        assertThat(account.get("address").asText()).isEqualTo("1 MAIN ST");
        assertThat(account.get("phone").asText()).isEqualTo("+1-555-0100");
        assertThat(account.get("currency").asText()).isEqualTo("EUR");
        assertThat(account.get("balance").asText()).isEqualTo("-123.45");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("id").asText()).isEqualTo("1234002");
        assertThat(items.get(0).get("postedAt").asText()).isEqualTo("2025-02-28T09:15:00Z");
        assertThat(items.get(0).get("amount").asText()).isEqualTo("-45.99");
        assertThat(items.get(0).get("description").asText()).isEqualTo("CARD PAYMENT");
        assertThat(items.get(1).get("amount").asText()).isEqualTo("2500.00");
        assertThat(items.get(1).get("description").asText()).isEqualTo("SALARY FEBRUARY 2025 ACME C");
    }

    @Test
    void an_account_without_transactions_has_an_empty_list() throws Exception {
        String record = AcctInq.reply(ACCOUNT, List.of());

        AccountInquiryReply reply = MAPPER.single(unmarshal(AccountInquiryReply.class, record));
        Object none = unmarshal(AccountTransactionRecord.class, MAPPER.transactionLines(record, reply));

        assertThat(reply.getTransactionCount()).isZero();
        assertThat(MAPPER.toTransactionsJson(none instanceof List<?> list ? list : null)).isEqualTo("[]");
    }

    @Test
    void a_record_cut_short_or_an_abend_is_a_backend_failure() throws Exception {
        String record = AcctInq.reply(ACCOUNT, List.of(
                new AcctInq.Transaction(1, OffsetDateTime.now(ZoneOffset.UTC), 1, "X")));
        String cut = record.substring(0, record.length() - 10);
        AccountInquiryReply reply = MAPPER.single(unmarshal(AccountInquiryReply.class, cut));
        AccountInquiryReply abend = MAPPER.single(unmarshal(AccountInquiryReply.class, AcctInq.failure("99", "0000001234")));

        assertThatThrownBy(() -> MAPPER.transactionLines(cut, reply)).isInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> MAPPER.requireAnswer(abend)).isInstanceOf(BackendUnavailableException.class);
        assertThat(MAPPER.notFound(MAPPER.single(unmarshal(AccountInquiryReply.class,
                AcctInq.failure("13", "0000001234"))))).isTrue();
    }

    private static Object unmarshal(Class<?> type, String text) throws Exception {
        BindyFixedLengthDataFormat format = new BindyFixedLengthDataFormat(type);
        format.setAllowEmptyStream(true);
        format.setUnwrapSingleInstance(false);
        format.setCamelContext(camel);
        format.start();
        return format.unmarshal(new DefaultExchange(camel),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }
}

package io.midtier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.run.SettingsReader;
import io.midtier.testsupport.FreePorts;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

// The infrastructure starts beside camel-main: a start that fails is reported to whoever waits for it as the
// start's own exception (so midtier's one-line refusal still names the cause), and nothing waits for it afterwards.
class InfrastructureStartTest {

    @Test
    void a_failed_start_is_rethrown_to_the_waiter_as_it_was_thrown() throws IOException {
        Map<String, String> properties = SettingsRecordsTest.shipped();
        // nothing listens there: the PostgreSQL preflight, the first step, refuses
        properties.put("midtier.db.url", "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/test");
        AtomicBoolean announced = new AtomicBoolean();

        InfrastructureStart start = InfrastructureStart.begin(MidtierSettings.read(SettingsReader.of(properties)));
        start.onStarted(infrastructure -> announced.set(true));

        assertThatThrownBy(start::await).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:");
        assertThatThrownBy(start::await).as("every waiter hears the same")
                .hasMessageStartingWith("cannot reach PostgreSQL");
        assertThat(announced).as("what waits for a started infrastructure never runs").isFalse();
        // closing what never started is not an error (the failed start closed its own parts)
        start.close();
    }
}

package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

// Issue 5: every fault scenario, short, against midtier's jar, an external broker, the simulator and PostgreSQL as
// separate processes; the recorded history must keep every invariant (docs/reliability.md). Longer runs:
// scripts/reliability.sh.
class ReliabilityIT {

    @Test
    void no_write_is_lost_duplicated_or_divergent_under_faults() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        List<Result> results = new ReliabilityHarness(settings).run();

        assertThat(results).hasSize(settings.scenarios().size());
        for (Result result : results) {
            if (result.skipped() != null) {
                continue;
            }
            assertThat(result.accepted()).as(result.scenario() + ": writes accepted").isPositive();
            assertThat(result.lost()).as(result.scenario() + ": lost").isZero();
            assertThat(result.duplicated()).as(result.scenario() + ": duplicated").isZero();
            assertThat(result.divergentKeys()).as(result.scenario() + ": divergent keys").isZero();
            assertThat(result.phantom()).as(result.scenario() + ": changes without an accepted write").isZero();
            assertThat(result.violations()).as(result.scenario() + ": broken invariants").isEmpty();
        }
        assertThat(results).as("the crash scenario ran").anyMatch(r -> r.scenario().equals("crash") && r.skipped() == null
                || !settings.scenarios().contains("crash"));
    }
}

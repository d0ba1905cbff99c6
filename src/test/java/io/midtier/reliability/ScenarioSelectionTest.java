package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

// Which scenarios a harness run asks for, and that one that could not run fails the run with its reason unless the
// command line excluded it.
class ScenarioSelectionTest {

    @Test
    void every_short_scenario_runs_by_default_and_the_soak_alone_with_minutes() {
        assertThat(ScenarioSelection.of(null, null, false).run()).isEqualTo(ScenarioSelection.ALL)
                .contains("after-apply").doesNotContain(ScenarioSelection.SOAK);
        assertThat(ScenarioSelection.of("", "", true).run()).containsExactly(ScenarioSelection.SOAK);
        assertThat(ScenarioSelection.of("crash, outage", null, true).run()).containsExactly("crash", "outage");
    }

    @Test
    void an_excluded_scenario_is_not_run_and_is_named_as_excluded() {
        ScenarioSelection selection = ScenarioSelection.of(null, "broker-loss,db-restart", false);

        assertThat(selection.run()).doesNotContain("broker-loss", "db-restart").contains("crash", "outage", "bad-input");
        assertThat(selection.excluded()).containsExactly("broker-loss", "db-restart");
        assertThat(selection.failures(selection.run().stream().map(ScenarioSelectionTest::ran).toList())).isEmpty();
    }

    @Test
    void a_scenario_that_could_not_run_fails_the_run_with_its_reason() {
        ScenarioSelection selection = ScenarioSelection.of("crash,broker-loss", null, false);
        List<Result> results = List.of(ran("crash"),
                Result.skipped("broker-loss", "no external broker (ArtemisBroker) to kill"));

        assertThat(selection.failures(results)).singleElement().asString()
                .contains("broker-loss could not run: no external broker (ArtemisBroker) to kill")
                .contains("--exclude broker-loss");
        assertThat(selection.failures(List.of(ran("crash")))).containsExactly("broker-loss did not run");
    }

    @Test
    void unknown_names_and_an_empty_run_are_refused() {
        assertThatThrownBy(() -> ScenarioSelection.of("crash,cosmic-ray", null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cosmic-ray");
        assertThatThrownBy(() -> ScenarioSelection.of(null, "crahs", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crahs");
        assertThatThrownBy(() -> ScenarioSelection.of("crash", "crash", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to run");
    }

    private static Result ran(String scenario) {
        return new Result(scenario, 10, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, java.time.Duration.ofSeconds(1),
                java.util.Map.of(), List.of(), null);
    }
}

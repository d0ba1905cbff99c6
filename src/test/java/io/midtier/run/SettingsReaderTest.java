package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

// settings are read typed, once; a missing or mistyped one refuses the start with a line naming it
class SettingsReaderTest {

    private final SettingsReader settings = SettingsReader.of(Map.of(
            "a.text", "x", "a.empty", "", "a.int", " 42 ", "a.long", "6048000000", "a.decimal", "0.8",
            "a.yes", "true", "a.no", "FALSE", "a.typo", "ture", "a.word", "ten"));

    @Test
    void values_are_read_as_their_type() {
        assertThat(settings.text("a.text")).isEqualTo("x");
        assertThat(settings.text("a.empty")).isEmpty();
        assertThat(settings.text("a.missing", "dflt")).isEqualTo("dflt");
        assertThat(settings.integer("a.int")).isEqualTo(42);
        assertThat(settings.longNumber("a.long")).isEqualTo(6_048_000_000L);
        assertThat(settings.decimal("a.decimal")).isEqualTo(0.8);
        assertThat(settings.flag("a.yes")).isTrue();
        assertThat(settings.flag("a.no")).isFalse();
    }

    @Test
    void a_missing_setting_refuses_the_start_naming_it() {
        assertThatThrownBy(() -> settings.text("midtier.db.url")).isInstanceOf(StartRefused.class)
                .hasMessage("midtier.db.url is not set");
        assertThatThrownBy(() -> settings.integer("midtier.db.pool-size")).isInstanceOf(StartRefused.class)
                .hasMessage("midtier.db.pool-size is not set");
    }

    @Test
    void a_mistyped_setting_refuses_the_start_naming_it_and_what_it_should_be() {
        assertThatThrownBy(() -> settings.integer("a.word")).isInstanceOf(StartRefused.class)
                .hasMessage("a.word must be a whole number, not 'ten'");
        assertThatThrownBy(() -> settings.integer("a.long")).isInstanceOf(StartRefused.class)
                .hasMessageStartingWith("a.long must be a whole number");
        assertThatThrownBy(() -> settings.decimal("a.word")).isInstanceOf(StartRefused.class)
                .hasMessage("a.word must be a number, not 'ten'");
        // a typo is not read as false
        assertThatThrownBy(() -> settings.flag("a.typo")).isInstanceOf(StartRefused.class)
                .hasMessage("a.typo must be true or false, not 'ture'");
    }
}

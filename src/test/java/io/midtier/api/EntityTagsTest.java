package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

// Entity tags: the pending and the applied representation of one version have different strong tags, and
// If-None-Match lists are read as RFC 9110 says (weak comparison, "*").
class EntityTagsTest {

    @Test
    void a_pending_entry_and_the_same_version_applied_have_different_tags() {
        assertThat(EntityTags.tag(2, true)).isEqualTo("\"2-pending\"");
        assertThat(EntityTags.tag(2, false)).isEqualTo("\"2\"");
    }

    @Test
    void if_none_match_matches_the_tag_weakly_in_a_list_or_as_a_wildcard() {
        assertThat(EntityTags.matches("\"2\"", "\"2\"")).isTrue();
        assertThat(EntityTags.matches("\"0\", W/\"2\"", "\"2\"")).isTrue();
        assertThat(EntityTags.matches(" * ", "\"2\"")).isTrue();
        assertThat(EntityTags.matches("\"2-pending\"", "\"2\"")).isFalse();
        assertThat(EntityTags.matches("W/\"2\"x", "\"2\"")).isFalse();
        assertThat(EntityTags.matches("\"22\"", "\"2\"")).isFalse();
        assertThat(EntityTags.matches("", "\"2\"")).isFalse();
        assertThat(EntityTags.matches(null, "\"2\"")).isFalse();
    }
}

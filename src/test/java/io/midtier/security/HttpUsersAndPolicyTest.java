package io.midtier.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

// the user list format (name:password:role|role) and which role each request needs.
class HttpUsersAndPolicyTest {

    @Test
    void a_password_may_contain_colons_and_roles_are_split_on_bars() {
        HttpUsers users = HttpUsers.parse(" ops:pa:ss:word:admin|writer , app:x:writer,viewer:v:");

        assertThat(users.authenticate("ops", "pa:ss:word")).hasValueSatisfying(u ->
                assertThat(u.roles()).containsExactlyInAnyOrder("admin", "writer"));
        assertThat(users.authenticate("viewer", "v")).hasValueSatisfying(u -> assertThat(u.roles()).isEmpty());
        assertThat(users.authenticate("ops", "pa:ss")).isEmpty();
        assertThat(users.authenticate("nobody", "x")).isEmpty();
    }

    @Test
    void an_entry_without_roles_part_is_refused_without_echoing_the_password() {
        assertThatThrownBy(() -> HttpUsers.parse("ops:secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void admin_paths_need_admin_writes_need_writer_reads_follow_configuration() {
        AccessPolicy open = new AccessPolicy(true);
        AccessPolicy closed = new AccessPolicy(false);

        assertThat(open.requirement("GET", "/admin/dead-letters").role()).isEqualTo("admin");
        assertThat(open.requirement("GET", "/admin").role()).isEqualTo("admin");
        assertThat(open.requirement("PUT", "/api/accounts/1").role()).isEqualTo("writer");
        assertThat(open.requirement("delete", "/api/x").role()).isEqualTo("writer");
        assertThat(open.requirement("GET", "/api/accounts/1").need()).isEqualTo(AccessPolicy.Need.NOBODY);
        assertThat(open.requirement("GET", "/administrator").need()).isEqualTo(AccessPolicy.Need.NOBODY);
        assertThat(closed.requirement("GET", "/api/accounts/1").need()).isEqualTo(AccessPolicy.Need.ANY_USER);
    }
}

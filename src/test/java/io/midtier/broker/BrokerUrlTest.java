package io.midtier.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

// Which client parameters a broker URL sets itself, so that midtier's own tuning does not override them.
class BrokerUrlTest {

    @Test
    void a_failover_list_names_the_parameters_after_its_parenthesis() {
        BrokerUrl url = BrokerUrl.parse("(tcp://a:61616,tcp://b:61617)?ha=true&reconnectAttempts=-1&retryInterval=200");

        assertThat(url.names("reconnectAttempts")).isTrue();
        assertThat(url.names("retryInterval")).isTrue();
        assertThat(url.names("ha")).isTrue();
        assertThat(url.names("callTimeout")).isFalse();
    }

    @Test
    void parameters_of_a_server_inside_the_list_count_too() {
        BrokerUrl url = BrokerUrl.parse("(tcp://a:61616?callTimeout=2000,tcp://b:61617)");

        assertThat(url.names("callTimeout")).isTrue();
        assertThat(url.names("ha")).isFalse();
    }

    @Test
    void names_match_regardless_of_case_and_either_separator() {
        BrokerUrl url = BrokerUrl.parse("tcp://a:61616?RECONNECTATTEMPTS=5;callFailoverTimeout=3000");

        assertThat(url.names("reconnectAttempts")).isTrue();
        assertThat(url.names("callFailoverTimeout")).isTrue();
    }

    @Test
    void a_url_without_parameters_names_none() {
        assertThat(BrokerUrl.parse("tcp://a:61616").names("reconnectAttempts")).isFalse();
        assertThat(BrokerUrl.parse("vm://0").names("ha")).isFalse();
        assertThat(BrokerUrl.parse(null).names("ha")).isFalse();
    }
}

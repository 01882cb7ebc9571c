package io.ggen.ffi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleAccessTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void loopbackHostsMayKeepTheDefaultPassword(String host) {
        assertThat(ConsoleAccess.isLoopback(host)).isTrue();
        assertThat(ConsoleAccess.refusal(host, ConsoleAccess.DEFAULT_PASSWORD)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "", "192.168.1.10", "10.0.0.1", "no-such-host.invalid"})
    void otherHostsWithTheDefaultPasswordAreRefused(String host) {
        assertThat(ConsoleAccess.isLoopback(host)).isFalse();
        assertThat(ConsoleAccess.refusal(host, ConsoleAccess.DEFAULT_PASSWORD))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("ggen: ").contains("default password").contains("GGEN_CONSOLE_PASSWORD").doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.10", "127.0.0.1"})
    void anyHostIsFineWithAnotherPassword(String host) {
        assertThat(ConsoleAccess.refusal(host, "s3cret-and-long")).isEmpty();
    }
}

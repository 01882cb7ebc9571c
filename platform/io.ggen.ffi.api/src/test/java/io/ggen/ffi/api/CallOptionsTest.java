package io.ggen.ffi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallOptionsTest {

    @Test
    void pureIsTheCachePureAttribute() {
        assertThat(CallOptions.DEFAULT.isPure()).isFalse();
        assertThat(CallOptions.pure().isPure()).isTrue();
        assertThat(CallOptions.pure().attribute(CallOptions.PURE)).contains("true");
        assertThat(CallOptions.DEFAULT.withAttribute("cache.pure", "true")).isEqualTo(CallOptions.pure());
        assertThat(CallOptions.DEFAULT.withAttribute("cache.pure", "false").isPure()).isFalse();
    }

    @Test
    void pureSurvivesOtherChanges() {
        CallOptions options = CallOptions.timeout(Duration.ofSeconds(1)).withPure().withAttribute("x", "y");
        assertThat(options.isPure()).isTrue();
        assertThat(options.withTimeout(null).isPure()).isTrue();
        assertThat(options.timeout()).contains(Duration.ofSeconds(1));
    }
}

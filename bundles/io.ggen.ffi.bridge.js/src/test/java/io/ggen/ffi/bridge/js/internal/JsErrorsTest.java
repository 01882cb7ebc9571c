package io.ggen.ffi.bridge.js.internal;

import static io.ggen.ffi.bridge.js.internal.TestSupport.str;
import static io.ggen.ffi.testkit.TestCallContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.spi.GuestModule;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsErrorsTest {

    private static GraalJsBridge bridge;
    private static GuestModule module;

    @BeforeAll
    static void start() {
        bridge = TestSupport.bridge(TestSupport.settings(1));
        module = TestSupport.code(bridge, """
            function outer() {
              return inner();
            }
            function inner() {
              throw new TypeError('x');
            }
            function throwValue(v) { throw v; }
            class ValidationError extends Error {
              constructor(m) { super(m); this.name = 'ValidationError'; }
            }
            function custom() { throw new ValidationError('field is required'); }
            function fine() { return 'fine'; }
            """);
    }

    @AfterAll
    static void stop() {
        bridge.deactivate();
    }

    @Test
    void guestTypeErrorComesBackWithItsJavaScriptFrames() {
        assertThatThrownBy(() -> call(module, "outer"))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> {
                assertThat(e.language()).isEqualTo("javascript");
                assertThat(e.foreignType()).isEqualTo("TypeError");
                assertThat(e.foreignMessage()).isEqualTo("x");
                assertThat(e.getMessage()).isEqualTo("[javascript] TypeError: x");
                assertThat(e.foreignFrames()).extracting(ForeignFrame::function, ForeignFrame::source, ForeignFrame::line)
                    .startsWith(org.assertj.core.groups.Tuple.tuple("inner", "inline.js", 5),
                        org.assertj.core.groups.Tuple.tuple("outer", "inline.js", 2));
                assertThat(e.getStackTrace()[0].getClassName()).isEqualTo("<javascript>");
                assertThat(e.getStackTrace()[0].getLineNumber()).isEqualTo(5);
            });
    }

    @Test
    void errorSubclassesKeepTheirName() {
        assertThatThrownBy(() -> call(module, "custom"))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> {
                assertThat(e.foreignType()).isEqualTo("ValidationError");
                assertThat(e.foreignMessage()).isEqualTo("field is required");
            });
    }

    @Test
    void thrownNonErrorsReportTheirType() {
        assertThatThrownBy(() -> call(module, "throwValue", ForeignValue.of(42)))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> {
                assertThat(e.foreignType()).isEqualTo("number");
                assertThat(e.foreignMessage()).isEqualTo("42");
            });
        assertThatThrownBy(() -> call(module, "throwValue", str("oops")))
            .asInstanceOf(type(ForeignException.class))
            .satisfies(e -> assertThat(e.foreignType()).isEqualTo("string"));
        assertThat(call(module, "fine")).isEqualTo(str("fine"));
    }

    @Test
    void statementLimitGivesResourceExhaustedAndTheContextIsReplaced() {
        GraalJsBridge limited = TestSupport.bridge(new JsSettings(1, false, false, null, 10_000, Duration.ofMillis(500)));
        try {
            GuestModule counter = TestSupport.code(limited, """
                var calls = 0;
                function count() { return ++calls; }
                function spin() { while (true) {} }
                function work(n) { let s = 0; for (let i = 0; i < n; i++) { s += i; } return s; }
                """);
            assertThat(call(counter, "count")).isEqualTo(ForeignValue.of(1));
            // The limit is per call: many calls under it do not add up.
            for (int i = 0; i < 5; i++) {
                assertThat(call(counter, "work", ForeignValue.of(3000))).isEqualTo(ForeignValue.of(4498500));
            }
            assertThatThrownBy(() -> call(counter, "spin"))
                .asInstanceOf(type(ForeignException.class))
                .satisfies(e -> {
                    assertThat(e.foreignType()).isEqualTo("ResourceExhausted");
                    assertThat(e.foreignMessage()).contains("Statement count limit of 10000 exceeded");
                });
            // A fresh context: the module was evaluated again.
            assertThat(call(counter, "count")).isEqualTo(ForeignValue.of(1));
        } finally {
            limited.deactivate();
        }
    }
}

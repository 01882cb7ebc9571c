package io.ggen.ffi.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ggen.ffi.api.BridgeUnavailableException;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFunction;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ForeignValue;
import io.ggen.ffi.api.ModuleSpec;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The JavaScript bridge's sandbox opened through ConfigAdmin, and async calls cancelled by their caller. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BridgeConfigurationIT extends PlatformTestSupport {

    static final String HOST_CODE = "function now() { return Java.type('java.lang.System').currentTimeMillis() > 0; }";

    @Inject
    ForeignRuntime runtime;

    @Inject
    ConfigurationAdmin configurationAdmin;

    /** Calls until the call answers (the bridge restarts with its new configuration); fails with the last error. */
    private Object callWithRetry(String code, String function) {
        AtomicReference<Object> answer = new AtomicReference<>();
        await("the restarted bridge answers").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .ignoreExceptionsInstanceOf(RuntimeException.class)
            .until(() -> {
                try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", code))) {
                    answer.set(js.call(function));
                    return true;
                }
            });
        return answer.get();
    }

    @Test
    public void hostAccessIsRefusedByDefaultAndOpensThroughConfigAdmin() throws Exception {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", HOST_CODE))) {
            assertThatThrownBy(() -> js.call("now")).isInstanceOf(ForeignException.class);
        }
        Configuration configuration = configurationAdmin.getConfiguration("io.ggen.ffi.bridge.js", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("allow.host.access", true);
        configuration.update(properties);
        try {
            assertThat(callWithRetry(HOST_CODE, "now")).isEqualTo(true);
        } finally {
            configuration.delete();
        }
        // back to the defaults: closed again, once the bridge has restarted without the configuration
        assertThat(awaitRefused(HOST_CODE, "now")).isNotInstanceOf(BridgeUnavailableException.class);
    }

    /**
     * Calls until the guest is refused host access: the bridge is re-created asynchronously after a
     * configuration change (the old one may answer, or none may be there, for a moment).
     */
    private ForeignException awaitRefused(String code, String function) {
        AtomicReference<Object> last = new AtomicReference<>();
        try {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                try (ForeignModule js = runtime.load(ModuleSpec.code("javascript", code))) {
                    last.set(js.call(function));
                } catch (BridgeUnavailableException e) {
                    last.set(e);
                } catch (ForeignException e) {
                    return e;
                }
                return null;
            }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("host access still open 30 s after the configuration was deleted; last: " + last.get(), e);
        }
    }

    @Test
    public void cancellingAnAsyncCallStopsTheGuestAndTheModuleStaysUsable() throws Exception {
        try (ForeignModule js = runtime.load(ModuleSpec.code("javascript",
                "function spin() { while (true) {} }\nfunction twice(x) { return 2 * x; }"))) {
            ForeignFunction twice = js.function("twice");
            assertThat(twice.invokeAsync(List.of(ForeignValue.of(4)), CallOptions.DEFAULT).get(30, TimeUnit.SECONDS))
                .isEqualTo(ForeignValue.of(8));

            CompletableFuture<ForeignValue> spinning = js.function("spin").invokeAsync(List.of(), CallOptions.DEFAULT);
            // not a wait for a condition: nothing outside says the spin has entered the guest; give it the time
            Thread.sleep(300);
            assertThat(spinning.cancel(true)).isTrue();
            assertThatThrownBy(() -> spinning.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            for (int i = 0; i < 20; i++) {   // every pooled context, the interrupted one included
                assertThat(twice.invoke(ForeignValue.of(i))).isEqualTo(ForeignValue.of(2L * i));
            }
        }
    }
}

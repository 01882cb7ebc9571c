package io.ggen.ffi.bridge.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.api.ModuleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How module specs and their options become worker settings; how traceback lines become frames. */
class WorkerSettingsTest {

    @Test
    void aCommandLineWithItsOptions() {
        WorkerSettings s = WorkerSettings.fromSpec(ModuleSpec.named("go", "go run .")
            .withOption("working-dir", "/tmp").withOption("pool-size", "3").withOption("start-timeout", "2s")
            .withOption("call-timeout", "1500").withOption("env.GOFLAGS", "-mod=vendor"), WorkerDefaults.STANDARD);
        assertThat(s.command()).containsExactly("go", "run", ".");
        assertThat(s.isTcp()).isFalse();
        assertThat(s.language()).isEqualTo("go");
        assertThat(s.workingDir()).isEqualTo(Path.of("/tmp"));
        assertThat(s.poolSize()).isEqualTo(3);
        assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.callTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.environment()).isEqualTo(Map.of("GOFLAGS", "-mod=vendor"));
        assertThat(s.namedByTarget()).isTrue();
    }

    @Test
    void durationOptionsTakeThePlatformsFormsAndBareMilliseconds() {
        assertThat(WorkerSettings.duration("call-timeout", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(WorkerSettings.duration("call-timeout", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WorkerSettings.duration("call-timeout", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(WorkerSettings.duration("call-timeout", "0")).isZero();
    }

    @Test
    void anAddressAndTheLanguageRpcThatLeavesTheLabelToTheWorker() {
        WorkerSettings s = WorkerSettings.fromSpec(ModuleSpec.named("rpc", "tcp://localhost:7070"), WorkerDefaults.STANDARD);
        assertThat(s.isTcp()).isTrue();
        assertThat(s.host()).isEqualTo("localhost");
        assertThat(s.port()).isEqualTo(7070);
        assertThat(s.language()).isNull();
        assertThat(s.poolSize()).isEqualTo(1);
        assertThat(WorkerSettings.fromSpec(ModuleSpec.named("node", "tcp://[::1]:80"), WorkerDefaults.STANDARD).host())
            .isEqualTo("::1");
    }

    @Test
    void equalSpecsGiveEqualSettingsSoTheyShareAPool() {
        ModuleSpec spec = ModuleSpec.named("go", "go run .").withOption("pool-size", "2");
        assertThat(WorkerSettings.fromSpec(spec, WorkerDefaults.STANDARD))
            .isEqualTo(WorkerSettings.fromSpec(spec, WorkerDefaults.STANDARD))
            .isNotEqualTo(WorkerSettings.fromSpec(spec.withOption("pool-size", "1"), WorkerDefaults.STANDARD));
    }

    @Test
    void unusableOptionsSayWhatToWrite() {
        assertThatThrownBy(() -> WorkerSettings.fromSpec(ModuleSpec.named("go", "w").withOption("pool-size", "0"),
            WorkerDefaults.STANDARD)).isInstanceOf(ForeignArgumentException.class)
            .hasMessageContaining("pool-size must be a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> WorkerSettings.fromSpec(ModuleSpec.named("go", "w").withOption("start-timeout", "soon"),
            WorkerDefaults.STANDARD)).hasMessageContaining("a duration such as 500ms, 10s or 2m (a bare number is milliseconds)");
        assertThatThrownBy(() -> WorkerSettings.fromSpec(ModuleSpec.named("go", "w").withOption("call-timeout", "-1s"),
            WorkerDefaults.STANDARD)).hasMessageContaining("call-timeout must not be negative");
        assertThatThrownBy(() -> WorkerSettings.fromSpec(ModuleSpec.named("go", "w").withOption("env.A-B", "x"),
            WorkerDefaults.STANDARD)).hasMessageContaining("'A-B' is not an environment variable name");
        assertThatThrownBy(() -> WorkerSettings.fromSpec(ModuleSpec.named("go", "tcp://host"), WorkerDefaults.STANDARD))
            .hasMessageContaining("write tcp://HOST:PORT");
        assertThatThrownBy(() -> WorkerSettings.fromSpec(ModuleSpec.named("go", "w")
            .withOption("working-dir", "/no/such/dir/x9"), WorkerDefaults.STANDARD)).hasMessageContaining("does not exist");
    }

    @Test
    void tracebackLinesBecomeFrames() {
        assertThat(RpcErrors.frame("/srv/w.py:12 in check")).isEqualTo(new ForeignFrame("check", "/srv/w.py", 12, -1));
        assertThat(RpcErrors.frame("C:\\w\\x.js:3:14 in run")).isEqualTo(new ForeignFrame("run", "C:\\w\\x.js", 3, 14));
        assertThat(RpcErrors.frame("main.go in main")).isEqualTo(new ForeignFrame("main.go in main", null, -1, -1));
        assertThat(List.of(RpcErrors.frame("a.py:1 in <module>").function())).containsExactly("<module>");
    }
}

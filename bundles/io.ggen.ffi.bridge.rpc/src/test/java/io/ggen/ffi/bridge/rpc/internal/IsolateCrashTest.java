package io.ggen.ffi.bridge.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolateCrashTest {

    @TempDir
    Path logs;

    private IsolateSettings isolate() {
        return new IsolateSettings(new RpcMessages.ModuleParams("c", "panama", "NAME", "./libcrash.so", Map.of()), logs,
            "256m", "64m", 7, 1);
    }

    @Test
    void aJvmCrashReportGivesTheSignalAndTheProblematicFrameNotTheBanner() throws IOException {
        Files.writeString(logs.resolve("hs_err_pid4103.log"), """
            #
            # A fatal error has been detected by the Java Runtime Environment:
            #
            #  SIGSEGV (0xb) at pc=0x00007f6a5ac1114c, pid=4103, tid=4130
            #
            # JRE version: OpenJDK Runtime Environment Temurin-25+36 (25.0+36) (build 25+36-LTS)
            # Problematic frame:
            # C  [libcrash.so+0x114c]  crash+0x13
            #
            # If you would like to submit a bug report, please visit:
            """);
        IsolateCrash crash = IsolateCrash.of(4103, 134, isolate(), List.of("# A fatal error has been detected"));
        assertThat(crash.type()).isEqualTo("SIGSEGV");
        assertThat(crash.description()).startsWith("crashed with SIGSEGV at pc=0x00007f6a5ac1114c, pid=4103")
            .contains("problematic frame: C  [libcrash.so+0x114c]  crash+0x13")
            .contains(logs.resolve("hs_err_pid4103.log").toString())
            .doesNotContain("bug report");
    }

    @Test
    void withoutAReportTheExitStatusNamesTheSignalOrTheExit() {
        assertThat(IsolateCrash.of(1, 134, isolate(), List.of("crash: assertion failed")))
            .satisfies(c -> assertThat(c.type()).isEqualTo("SIGABRT"))
            .satisfies(c -> assertThat(c.description()).contains("SIGABRT").contains("crash: assertion failed"));
        assertThat(IsolateCrash.of(1, 139, isolate(), List.of()).type()).isEqualTo("SIGSEGV");
        assertThat(IsolateCrash.of(1, 3, isolate(), List.of()).type()).isEqualTo("exit 3");
        assertThat(IsolateCrash.of(1, 152, isolate(), List.of()).description())
            .contains("CPU time limit of 7 s").contains("isolation.cpu");
    }

    @Test
    void anOutOfMemoryExitNamesTheLimitThatWasHit() {
        IsolateCrash heap = IsolateCrash.of(1, 3, isolate(),
            List.of("Terminating due to java.lang.OutOfMemoryError: Java heap space"));
        assertThat(heap.type()).isEqualTo("OutOfMemoryError");
        assertThat(heap.description()).contains("heap limit is 256m").contains("isolation.heap");
        IsolateCrash direct = IsolateCrash.of(1, 3, isolate(),
            List.of("Terminating due to java.lang.OutOfMemoryError: Cannot reserve 1048576 bytes of direct buffer memory"));
        assertThat(direct.description()).contains("direct memory limit is 64m").contains("isolation.direct-memory");
    }

    @Test
    void theNewestTenReportsAreKept() throws IOException {
        for (int i = 0; i < 13; i++) {
            Path report = Files.writeString(logs.resolve("hs_err_pid" + (100 + i) + ".log"), "#");
            Files.setLastModifiedTime(report, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        IsolateCrash.rotate(logs);
        try (Stream<Path> left = Files.list(logs)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted())
                .hasSize(IsolateCrash.KEPT_REPORTS).first().isEqualTo("hs_err_pid103.log");
        }
    }
}

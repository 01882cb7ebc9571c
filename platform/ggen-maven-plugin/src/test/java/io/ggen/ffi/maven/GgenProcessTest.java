package io.ggen.ffi.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgenProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    @Test
    void itsOutputGoesToTheCallerLineByLineWithTheJdkOfThisJvm() throws Exception {
        ggen("echo \"args: $*\"", "echo \"in $(pwd)\"", "echo \"JAVA_HOME=$JAVA_HOME\" >&2");

        GgenProcess.Result result = GgenProcess.in(home, TIMEOUT).run(home, List.of("bindgen", "c", "--name", "Two words"),
            out::add, err::add);

        assertThat(result.exitCode()).isZero();
        assertThat(out).containsExactly("args: bindgen c --name Two words", "in " + home.toRealPath());
        assertThat(err).containsExactly("JAVA_HOME=" + System.getProperty("java.home"));
    }

    @Test
    void aFailedRunKeepsTheLastLinesOfStderr() throws Exception {
        ggen("i=0; while [ $i -lt 100 ]; do echo \"line $i\" >&2; i=$((i+1)); done", "exit 3");

        GgenProcess.Result result = GgenProcess.in(home, TIMEOUT).run(home, List.of(), out::add, err::add);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(err).hasSize(100);
        assertThat(result.stderrTail()).containsExactlyElementsOf(
            IntStream.range(100 - GgenProcess.STDERR_TAIL, 100).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void aRunLongerThanTheTimeoutIsKilledWithWhatItStarted() throws Exception {
        ggen("sleep 60 &", "echo $! > sleeper.pid", "wait");

        assertThatIOException()
            .isThrownBy(() -> GgenProcess.in(home, Duration.ofSeconds(1)).run(home, List.of("bindgen"), out::add, err::add))
            .withMessageContaining("did not finish in 1 s");
        long sleeper = Long.parseLong(Files.readString(home.resolve("sleeper.pid")).strip());
        assertThat(ProcessHandle.of(sleeper).filter(ProcessHandle::isAlive)).as("the child of bin/ggen").isEmpty();
    }

    @Test
    void aFolderWithoutBinGgenIsNotADistribution() {
        assertThatIllegalArgumentException().isThrownBy(() -> GgenProcess.in(home, TIMEOUT))
            .withMessageContaining("is not a GGen FFI distribution: it has no executable bin/ggen");
    }

    private void ggen(String... lines) throws IOException {
        Path ggen = Files.createDirectories(home.resolve("bin")).resolve("ggen");
        Files.writeString(ggen, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(ggen, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ggen test-ffi c ...} through the real {@code bin/ggen}, in a temporary folder as a user would run it. */
class CCommandLineIT extends OneShotRuns {

    @Override
    Duration runTimeout() {
        return Duration.ofSeconds(60);
    }

    @Test
    void referenceCommandThreePrintsTheLibrarysAnswer() throws Exception {
        ProcessRun run = ggen("test-ffi", "c", "--library", "libanalyzer.so", "--function", "analyze_code",
            "--input", "int main() {}");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("C analysis complete: 1 line, 13 characters, 1 function");
    }

    @Test
    void signaturesOfSystemLibrariesOnBothBridges() throws Exception {
        for (String bridge : new String[] {"panama", "jna"}) {
            ProcessRun strlen = ggen("test-ffi", "c", "--bridge", bridge, "--library", "libc.so.6",
                "--signature", "size_t strlen(const char* s)", "--function", "strlen", "--input", "héllo");
            assertThat(strlen.exitCode()).as(strlen::describe).isZero();
            assertThat(strlen.stdoutLines()).as(strlen::describe).containsExactly("6");
            ProcessRun pow = ggen("test-ffi", "c", "--bridge", bridge, "--library", "m", "--signature", "double pow(double, double)",
                "--function", "pow", "--input-json", "2", "--input-json", "10");
            assertThat(pow.stdoutLines()).as(pow::describe).containsExactly("1024.0");
        }
    }

    @Test
    void badInputSaysWhatToFix() throws Exception {
        ProcessRun signature = ggen("test-ffi", "c", "--library", "libc.so.6", "--signature", "size_t strlen(const char* s",
            "--function", "strlen", "--input", "x");
        assertThat(signature.exitCode()).as(signature::describe).isEqualTo(2);
        assertThat(signature.stderr()).as(signature::describe).contains("cannot read the C signature").contains("expected ')'");

        ProcessRun symbol = ggen("test-ffi", "c", "--library", "libc.so.6", "--function", "no_such_function", "--input", "x");
        assertThat(symbol.exitCode()).as(symbol::describe).isNotZero();
        assertThat(symbol.stderr()).as(symbol::describe).contains("no function 'no_such_function' in libc.so.6");

        ProcessRun library = ggen("test-ffi", "c", "--library", "nowhere", "--function", "f");
        assertThat(library.exitCode()).as(library::describe).isEqualTo(1);
        assertThat(library.stderr()).as(library::describe).contains("cannot find the library 'nowhere'");

        ProcessRun errno = ggen("test-ffi", "c", "--library", "libc.so.6", "--signature", "int open(const char* path, int flags)",
            "--option", "errno=true", "--function", "open", "--input", "/no/such/file", "--input-json", "0");
        assertThat(errno.exitCode()).as(errno::describe).isEqualTo(1);
        assertThat(errno.stderr()).as(errno::describe).contains("No such file or directory (errno 2)");
    }
}

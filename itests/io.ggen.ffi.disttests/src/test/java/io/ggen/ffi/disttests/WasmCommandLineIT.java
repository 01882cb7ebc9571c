package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ggen test-ffi wasm ...} through the real {@code bin/ggen}, with modules built in the test as a
 * user builds them: WebAssembly text assembled by wabt's {@code wat2wasm}, C compiled by
 * {@code clang --target=wasm32-wasi}.
 */
class WasmCommandLineIT extends OneShotRuns {

    private static final String C_PROGRAM = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #define EXPORT(name) __attribute__((export_name(name)))

        /* the bridge's memory convention: strings arrive through the module's allocator */
        EXPORT("alloc") void *alloc(int len) { return malloc(len); }
        EXPORT("dealloc") void dealloc(void *block, int len) { free(block); }

        EXPORT("vowels") int vowels(const char *s, int len) {
            int n = 0;
            for (int i = 0; i < len; i++) {
                if (s[i] != 0 && strchr("aeiou", s[i]) != NULL) {
                    n++;
                }
            }
            printf("counted %d vowels in %d bytes\\n", n, len);
            return n;
        }

        EXPORT("spin") int spin(void) {
            volatile int turns = 0;
            for (;;) {
                turns++;
            }
            return turns;
        }
        """;

    @Override
    Duration runTimeout() {
        return Duration.ofSeconds(60);
    }

    private Path tool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
        return workDir;
    }

    @Test
    void aModuleAssembledByWat2wasmAddsFortyAndTwo() throws Exception {
        Files.copy(Path.of("../../examples/wasm/add.wat"), workDir.resolve("add.wat"));
        tool("wat2wasm", "add.wat", "-o", "add.wasm");
        ProcessRun run = ggen("test-ffi", "wasm", "--file", "add.wasm", "--function", "add", "--input-json", "40",
            "--input-json", "2");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("42");
    }

    @Test
    void aCProgramCompiledToWasiTakesAStringAndIsStoppedByATimeoutWhenItLoops() throws Exception {
        Files.writeString(workDir.resolve("text.c"), C_PROGRAM);
        tool("clang", "--target=wasm32-wasi", "-O2", "-mexec-model=reactor", "-o", "text.wasm", "text.c");

        ProcessRun vowels = ggen("test-ffi", "wasm", "--file", "text.wasm", "--function", "vowels",
            "--input", "hello webassembly");
        assertThat(vowels.exitCode()).as(vowels::describe).isZero();
        assertThat(vowels.stdoutLines()).as(vowels::describe).containsExactly("5");
        assertThat(vowels.stdout()).as("the guest's printf goes to the log, not the result").doesNotContain("counted");

        // interpreted: the load is quick, so the second of the timeout is the call's
        ProcessRun spin = ggen("test-ffi", "wasm", "--file", "text.wasm", "--function", "spin", "--timeout", "1s",
            "--option", "execution=interpreter");
        assertThat(spin.exitCode()).as(spin::describe).isEqualTo(124);
        assertThat(spin.stderr()).as(spin::describe).contains("spin");

        ProcessRun limited = ggen("test-ffi", "wasm", "--file", "text.wasm", "--function", "vowels", "--input", "x",
            "--option", "memory.max-pages=1");
        assertThat(limited.exitCode()).as(limited::describe).isEqualTo(1);
        assertThat(limited.stderr()).as(limited::describe).contains("memory.max-pages");
    }

    @Test
    void aMalformedModuleIsAShortClearError() throws Exception {
        Files.write(workDir.resolve("broken.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 42, 7});
        ProcessRun run = ggen("test-ffi", "wasm", "--file", "broken.wasm", "--function", "add");
        assertThat(run.exitCode()).as(run::describe).isEqualTo(1);
        assertThat(run.stderr()).as(run::describe).contains("broken.wasm").doesNotContain("at com.dylibso");
        assertThat(run.stderr().lines().count()).as(run::describe).isLessThanOrEqualTo(3);
    }
}

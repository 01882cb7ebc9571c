package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ggen test-ffi go|cpython|node|rpc --worker ...} through the real {@code bin/ggen}: the
 * code-analysis pipeline for real (pylint from Debian in a CPython worker, acorn from npm in a Node worker, a
 * Go worker built with the standard library), a TCP worker, and workers that fail.
 */
class RpcCommandLineIT extends OneShotRuns {

    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = REPO.resolve("examples/workers");

    @Override
    Duration runTimeout() {
        return Duration.ofSeconds(90);
    }

    @Test
    void aCPythonWorkerRunsDebiansPylintOnSourceSentFromJava() throws Exception {
        ProcessRun run = ggen("test-ffi", "cpython", "--worker", "/usr/bin/python3 " + EXAMPLES.resolve("python_pylint/pylint_worker.py"),
            "--function", "lint", "--input", "import os\n");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("unused-import").contains("W0611");
    }

    @Test
    void aNodeWorkerRunsAcornFromNpm() throws Exception {
        Path example = EXAMPLES.resolve("node-acorn");
        if (!Files.isDirectory(example.resolve("node_modules/acorn"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(example.toFile()).inheritIO().start();
            assertThat(npm.waitFor(120, TimeUnit.SECONDS) && npm.exitValue() == 0).as("npm install in " + example).isTrue();
        }
        ProcessRun run = ggen("test-ffi", "node", "--worker", "node " + example.resolve("acorn-worker.js"),
            "--function", "declarations", "--input", "function add(a, b) { return a + b; }\nconst x = 1;");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("add").contains("x");
    }

    @Test
    void aGoWorkerBuiltFromTheStandardLibraryAndTheSdk() throws Exception {
        Path binary = workDir.resolve("go-math");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(EXAMPLES.resolve("go-math").toFile()).inheritIO();
        build.environment().put("GOPROXY", "off");
        build.environment().put("GOFLAGS", "-mod=mod");
        assertThat(build.start().waitFor()).as("go build").isZero();
        ProcessRun run = ggen("test-ffi", "go", "--worker", binary.toString(), "--function", "factorial", "--input-json", "25");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as(run::describe).containsExactly("15511210043330985984000000");
        ProcessRun error = ggen("test-ffi", "go", "--worker", binary.toString(), "--function", "sqrt", "--input-json", "-1");
        assertThat(error.exitCode()).as(error::describe).isEqualTo(1);
        assertThat(error.stderr()).as(error::describe).contains("sqrt of a negative number");
    }

    @Test
    void aWorkerListeningOnTcp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(workDir.resolve("tcp_worker.py"), """
            import sys
            sys.path.insert(0, %s)
            from ggen_worker import Worker
            w = Worker("tcp-demo")
            w.register("shout", lambda s: s.upper() + "!")
            w.serve()
            """.formatted("'" + home.resolve("sdk/python") + "'"));
        ProcessBuilder builder = new ProcessBuilder("python3", workDir.resolve("tcp_worker.py").toString()).redirectErrorStream(true)
            .redirectOutput(workDir.resolve("tcp_worker.log").toFile());
        builder.environment().put("GGEN_WORKER_LISTEN", "127.0.0.1:" + port);
        Process service = builder.start();
        try {
            // until the service has started
            ProcessRun run = await("the TCP worker answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ggen("test-ffi", "rpc", "--connect", "127.0.0.1:" + port, "--function", "shout", "--input", "hi"),
                    attempt -> attempt.exitCode() == 0);
            assertThat(run.exitCode()).as(run::describe).isZero();
            assertThat(run.stdoutLines()).as(run::describe).containsExactly("HI!");
            assertThat(service.isAlive()).as("a TCP worker is a service the platform does not own").isTrue();
        } finally {
            service.destroyForcibly().waitFor();
        }
    }

    @Test
    void brokenWorkersGiveClearErrors() throws Exception {
        ProcessRun missing = ggen("test-ffi", "go", "--worker", "/no/such/worker", "--function", "f");
        assertThat(missing.exitCode()).as(missing::describe).isEqualTo(1);
        assertThat(missing.stderr()).as(missing::describe).contains("/no/such/worker");

        ProcessRun garbage = ggen("test-ffi", "rpc", "--worker", "python3 -c \"print('hello'); import time; time.sleep(30)\"",
            "--function", "f");
        assertThat(garbage.exitCode()).as(garbage::describe).isEqualTo(1);
        assertThat(garbage.stderr()).as(garbage::describe).containsIgnoringCase("hello");

        Files.writeString(workDir.resolve("slow_worker.py"), """
            import sys, time
            sys.path.insert(0, %s)
            from ggen_worker import Worker
            w = Worker("slow")
            w.register("wait", lambda: time.sleep(60))
            w.serve()
            """.formatted("'" + home.resolve("sdk/python") + "'"));
        ProcessRun slow = ggen("test-ffi", "cpython", "--worker", "python3 slow_worker.py", "--function", "wait", "--timeout", "1s");
        assertThat(slow.exitCode()).as(slow::describe).isEqualTo(124);
    }
}

package io.ggen.ffi.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ggen.ffi.api.BridgeInfo;
import io.ggen.ffi.api.CallOptions;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.ModuleSpec;
import io.ggen.ffi.api.spi.BridgeCapabilities;
import io.ggen.ffi.shell.command.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ggen test-ffi c --header}: the signature comes from the header, read by the real clang,
 * and reaches the module as {@code --signature} would; the runtime only records the module it is
 * asked to load.
 */
class TestFfiCommandTest {

    private static final String HEADER = """
        #include <stddef.h>
        #include "more.h"
        typedef unsigned long counter_t;
        typedef struct handle handle;
        /** Counts the bytes of s. */
        counter_t count_bytes(const char* s, size_t limit);
        int open_handle(const char* name, handle** out);
        int print_all(const char* format, ...);
        """;

    @TempDir
    Path folder;

    private ModuleSpec loaded;

    private final ForeignRuntime runtime = new ForeignRuntime() {
        @Override
        public List<BridgeInfo> bridges() {
            return List.of(new BridgeInfo("c", List.of(), "panama", 100, "io.ggen.ffi.bridge.panama", "1.1.0",
                BridgeCapabilities.NONE, "Panama test"));
        }

        @Override
        public ForeignModule load(ModuleSpec spec, CallOptions options) {
            loaded = spec;
            throw new ForeignException("c", "Recorded", "recorded the module", List.of(), null);
        }
    };

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new GgenCommandLine(runtime, () -> null, bundle -> "ACTIVE", List::of).run(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path header() throws IOException {
        Path include = Files.createDirectories(folder.resolve("more"));
        Files.writeString(include.resolve("more.h"), "#define MORE 1\n");
        Path header = folder.resolve("api.h");
        Files.writeString(header, HEADER);
        return header;
    }

    @Test
    void theSignatureComesFromTheHeaderWithTypedefsResolved() throws IOException {
        Path header = header();
        run("test-ffi", "c", "--library", "libapi.so", "--header", header.toString(), "--clang-arg",
            "-I" + folder.resolve("more"), "--function", "count_bytes", "--input", "abc", "--input-json", "10");
        assertThat(loaded.options()).containsEntry(TestFfiCommand.SIGNATURE_OPTION,
            "unsigned long count_bytes(const char* s, unsigned long limit)")
            .as("a header does not say who frees a returned char*").containsEntry("free.count_bytes", "none");
        run("test-ffi", "c", "--library", "libapi.so", "--header", header.toString(), "--clang-arg",
            "-I" + folder.resolve("more"), "--function", "count_bytes", "--option", "free.count_bytes=free");
        assertThat(loaded.options()).as("unless the command line says").containsEntry("free.count_bytes", "free");
        run("test-ffi", "c", "--library", "libapi.so", "--header", header.toString(), "--clang-arg",
            "-I" + folder.resolve("more"), "--function", "open_handle");
        assertThat(loaded.options()).containsEntry(TestFfiCommand.SIGNATURE_OPTION, "int open_handle(const char* name, void** out)");
    }

    @Test
    void anExplicitSignatureWinsOverTheHeader() throws IOException {
        run("test-ffi", "c", "--library", "libapi.so", "--header", header().toString(), "--signature",
            "long count_bytes(const char* s, long limit)", "--function", "count_bytes");
        assertThat(loaded.options()).containsEntry(TestFfiCommand.SIGNATURE_OPTION, "long count_bytes(const char* s, long limit)");
    }

    @Test
    void aFunctionTheHeaderDoesNotDeclareOrTheBridgesCannotCallIsAUsageError() throws IOException {
        Path header = header();
        Run missing = run("test-ffi", "c", "--library", "libapi.so", "--header", header.toString(), "--clang-arg",
            "-I" + folder.resolve("more"), "--function", "no_such_function");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("the function 'no_such_function' is not declared in " + header);
        assertThat(loaded).as("nothing is loaded").isNull();

        Run variadic = run("test-ffi", "c", "--library", "libapi.so", "--header", header.toString(), "--clang-arg",
            "-I" + folder.resolve("more"), "--function", "print_all");
        assertThat(variadic.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(variadic.err()).contains("cannot call 'print_all'").contains("variadic");

        Run unreadable = run("test-ffi", "c", "--library", "libapi.so", "--header", header.toString(), "--function", "count_bytes");
        assertThat(unreadable.exit()).as("without the -I it needs").isEqualTo(ExitCodes.USAGE);
        assertThat(unreadable.err()).contains("more.h");
    }

    @Test
    void helpDescribesTheHeaderAndWhichSignatureWins() {
        assertThat(run("test-ffi", "--help").out()).contains("--header=FILE").contains("--signature, when").contains("wins over it")
            .contains("--clang-arg=ARG");
    }
}

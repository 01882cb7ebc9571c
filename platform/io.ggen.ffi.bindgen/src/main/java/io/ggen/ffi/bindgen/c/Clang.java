package io.ggen.ffi.bindgen.c;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs clang, the one found on the {@code PATH}, and hands its output to a reader as it comes
 * (never held whole in memory); what it says on stderr goes to a temporary file, for the message
 * when it fails.
 */
final class Clang {

    /** What a reader of clang's output does with it. */
    @FunctionalInterface
    interface OutputReader<T> {
        T read(BufferedReader output) throws IOException;
    }

    private final Path executable;

    private Clang(Path executable) {
        this.executable = executable;
    }

    /**
     * The clang on the {@code PATH}.
     *
     * @throws CHeaderException there is none; the message says how to install it
     */
    static Clang onPath() {
        return find(System.getenv("PATH")).map(Clang::new).orElseThrow(() -> new CHeaderException(
            "clang was not found on the PATH; it reads C headers: install it (Debian, Ubuntu: apt-get install clang)"));
    }

    static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, "clang");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs clang with these arguments.
     *
     * @param failOnError whether a non-zero exit fails (else errors are expected, as when probing macros)
     * @throws CHeaderException clang failed (with the start of what it said) or could not be run
     */
    <T> T run(List<String> arguments, boolean failOnError, OutputReader<T> reader) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Path errors = null;
        Process process = null;
        try {
            errors = Files.createTempFile("ggen-clang-", ".err");
            process = new ProcessBuilder(command).redirectError(errors.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            T result;
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                result = reader.read(output);
                output.transferTo(java.io.Writer.nullWriter());
            }
            int exit = process.waitFor();
            if (exit != 0 && failOnError) {
                throw new CHeaderException("clang failed (exit " + exit + "): " + String.join(" ", command) + "\n"
                    + firstLines(errors, 20));
            }
            return result;
        } catch (IOException e) {
            throw new CHeaderException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CHeaderException("interrupted while clang ran: " + String.join(" ", command), e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException e) {
                    // a temporary file left behind is harmless: the system's temporary folder is cleaned
                }
            }
        }
    }

    private static String firstLines(Path file, int count) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> first = lines.limit(count + 1L).toList();
            return String.join("\n", first.size() > count ? first.subList(0, count) : first)
                + (first.size() > count ? "\n..." : "");
        } catch (UncheckedIOException e) {
            return "(clang's messages are not readable: " + e.getMessage() + ")";
        }
    }
}

package io.ggen.ffi.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What makes {@code ggen:bindgen} incremental, as protoc plugins are: after a run, a stamp file named after the
 * run's whole command line (and distribution) lists the files the run wrote. A later run with the same command
 * line is skipped while the stamp is newer than its input (the header or file) and than the distribution's
 * {@code bin/ggen}, and every file it lists is still there. Another configuration has another stamp; a source
 * without a file (a Python module by name, a worker) is generated every time.
 *
 * @param file the stamp file
 * @param arguments the run it stands for
 * @param ggen the distribution's {@code bin/ggen}
 */
record BindgenStamp(Path file, BindgenArguments arguments, Path ggen) {

    /** The stamp of {@code arguments} run by the distribution {@code home}, in {@code folder}. */
    static BindgenStamp of(Path folder, BindgenArguments arguments, Path home) {
        Path ggen = home.resolve("bin/ggen");
        String key = String.join("\0", arguments.commandLine()) + "\0" + ggen.toAbsolutePath();
        return new BindgenStamp(folder.resolve(sha256(key).substring(0, 16) + ".stamp"), arguments, ggen);
    }

    /**
     * Why the bindings must be generated, or empty when they are up to date.
     *
     * @throws IOException when a file cannot be read
     */
    Optional<String> staleness() throws IOException {
        Optional<Path> input = arguments.input();
        if (input.isEmpty()) {
            return Optional.of("the source is not a file this plugin can watch");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("they were never generated with this configuration");
        }
        FileTime stamped = Files.getLastModifiedTime(file);
        for (Path source : List.of(input.get(), ggen)) {
            if (Files.getLastModifiedTime(source).compareTo(stamped) >= 0) {
                return Optional.of(source + " changed");
            }
        }
        List<String> generated = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (generated.isEmpty()) {
            return Optional.of("the last run wrote no file");
        }
        for (String name : generated) {
            if (!Files.isRegularFile(arguments.outputDirectory().resolve(name))) {
                return Optional.of(name + " is gone");
            }
        }
        return Optional.empty();
    }

    /**
     * The files under the output directory and their modification times: taken before a run, handed to {@link
     * #write} after it.
     */
    Map<Path, FileTime> snapshot() throws IOException {
        Map<Path, FileTime> files = new HashMap<>();
        Path root = arguments.outputDirectory();
        if (Files.isDirectory(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(path), Files.getLastModifiedTime(path));
                }
            }
        }
        return files;
    }

    /**
     * Writes the stamp after a successful run: the files that are new or changed since {@code before}; when the
     * run rewrote nothing (a generator that leaves equal files alone), the Java files of the package.
     *
     * @return the files listed, relative to the output directory
     */
    List<Path> write(Map<Path, FileTime> before) throws IOException {
        Map<Path, FileTime> after = snapshot();
        List<Path> written = after.entrySet().stream()
            .filter(e -> !e.getValue().equals(before.get(e.getKey())))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
        if (written.isEmpty() && Files.isDirectory(arguments.packageDirectory())) {
            try (Stream<Path> files = Files.list(arguments.packageDirectory())) {
                written = files.filter(f -> f.getFileName().toString().endsWith(".java"))
                    .map(arguments.outputDirectory()::relativize)
                    .sorted()
                    .toList();
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, written.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        return written;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package io.ggen.ffi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder under {@code boot/} whose number prefix is the start level of its bundles: {@code 1-core},
 * {@code 5-web}. Folders without such a prefix are not boot folders.
 *
 * @param dir the folder
 * @param startLevel the start level of every bundle in it, 1 or more
 * @param name what follows the prefix ({@code core}, {@code shell})
 */
record BootFolder(Path dir, int startLevel, String name) {

    private static final Pattern NAME = Pattern.compile("([0-9]{1,3})-([A-Za-z0-9._-]+)");

    /** The boot folder {@code dir} stands for, or empty when its name has no start-level prefix. */
    static Optional<BootFolder> of(Path dir) {
        Matcher matcher = NAME.matcher(dir.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int level = Integer.parseInt(matcher.group(1));
        return level < 1 ? Optional.empty() : Optional.of(new BootFolder(dir, level, matcher.group(2)));
    }

    /** The boot folders in {@code bootDir}, by start level, then name. */
    static List<BootFolder> list(Path bootDir) throws IOException {
        if (!Files.isDirectory(bootDir)) {
            throw new IOException(bootDir + " is not a folder: is ggen.home the distribution folder?");
        }
        try (Stream<Path> children = Files.list(bootDir)) {
            return children.filter(Files::isDirectory)
                    .map(BootFolder::of)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparingInt(BootFolder::startLevel).thenComparing(BootFolder::name))
                    .toList();
        }
    }

    /** The jars in this folder, by file name. */
    List<Path> jars() throws IOException {
        return jarsIn(dir);
    }

    /** The {@code *.jar} files directly in {@code dir}, by file name; none when it does not exist. */
    static List<Path> jarsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(path -> path.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
    }
}

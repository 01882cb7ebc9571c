package io.ggen.ffi.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The distribution folder ({@code ggen.home}) and the places in it the launcher uses.
 *
 * @param dir the distribution folder, absolute
 */
record GgenHome(Path dir) {

    /** The system property bin/ggen sets to the distribution folder. */
    static final String PROPERTY = "ggen.home";

    /** {@code ggen.home}, or, when it is not set, the folder above the {@code lib/} this launcher jar is in. */
    static GgenHome locate() throws LauncherException {
        String property = System.getProperty(PROPERTY);
        Path dir;
        if (property != null && !property.isBlank()) {
            dir = Path.of(property);
        } else {
            try {
                Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                dir = jar.getParent().getParent();
            } catch (URISyntaxException | RuntimeException e) {
                throw new LauncherException(2, "ggen: the system property ggen.home is not set; start GGen FFI with bin/ggen");
            }
            System.setProperty(PROPERTY, dir.toAbsolutePath().normalize().toString());
        }
        GgenHome home = new GgenHome(dir.toAbsolutePath().normalize());
        if (!Files.isDirectory(home.bootDir())) {
            throw new LauncherException(2, "ggen: " + home.dir() + " is not a GGen FFI distribution (it has no boot/ folder)");
        }
        return home;
    }

    Path bootDir() {
        return dir.resolve("boot");
    }

    Path deployDir() {
        return dir.resolve("deploy");
    }

    Path frameworkConf() {
        return dir.resolve("conf").resolve("ggen.properties");
    }

    Path systemConf() {
        return dir.resolve("conf").resolve("system.properties");
    }

    /** conf/ggen.properties with the substitution and override rules of {@link ConfProperties}. */
    Map<String, String> frameworkProperties() throws LauncherException {
        return read(frameworkConf());
    }

    /**
     * Sets each entry of conf/system.properties (logging levels, polyglot options) as a system property,
     * unless the command line already set it with {@code -D}.
     */
    void applySystemProperties() throws LauncherException {
        read(systemConf()).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /** {@code path} relative to the distribution folder when it is inside it, for messages. */
    String shortName(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(dir) ? dir.relativize(absolute).toString() : absolute.toString();
    }

    private static Map<String, String> read(Path file) throws LauncherException {
        try {
            return ConfProperties.load(file, System::getProperty);
        } catch (IOException e) {
            throw new LauncherException(2, "ggen: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new LauncherException(2, "ggen: " + e.getMessage());
        }
    }
}

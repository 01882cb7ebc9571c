package io.ggen.ffi.c;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ModuleSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a library a caller names is: a file, or a name the system's dynamic loader finds.
 *
 * <p>{@link #locate} tries, in order: a path (anything with a {@code /}), relative to the caller's
 * working directory; a file of that name in the working directory; one in the platform's
 * {@code lib/native} folder; a name the dynamic loader knows ({@code libz.so.1}, {@code libc.so.6});
 * and for a short name like {@code m} or {@code z}, {@code libm.so} or the newest {@code libm.so.N}
 * in the system's library folders — like the C compiler's {@code -lm}.
 *
 * @param name what the caller asked for
 * @param file the file, when one was found; else the loader finds {@link #loaderName()} itself
 * @param loaderName what to hand to {@code dlopen}
 */
@ProviderType
public record CLibrary(String name, Optional<Path> file, String loaderName) {

    /** The platform's folder of shared libraries, below its home. */
    public static final String NATIVE_FOLDER = "lib/native";

    /** The framework property holding the platform's home. */
    public static final String HOME_PROPERTY = "ggen.home";

    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    /**
     * The platform's home, from the framework's properties.
     *
     * @param properties e.g. {@code bundleContext::getProperty}
     * @return the folder {@value #HOME_PROPERTY} names, or {@code null} when it is not set
     */
    public static Path home(UnaryOperator<String> properties) {
        String home = properties.apply(HOME_PROPERTY);
        return home == null ? null : Path.of(home);
    }

    /**
     * Finds the library a module names: its source, looked for first in the working directory the
     * option {@value CModuleOptions#WORKING_DIR} gives.
     *
     * @param home the platform's home, or {@code null}
     * @throws ForeignArgumentException the module is C code: a C bridge loads libraries, it does not compile
     * @throws ForeignException there is no such library; the message says where it looked
     */
    public static CLibrary locate(ModuleSpec spec, Path home) {
        if (spec.kind() == ModuleSpec.SourceKind.CODE || spec.kind() == ModuleSpec.SourceKind.BYTES) {
            throw new ForeignArgumentException("c", "the C bridge loads shared libraries, it does not compile C:"
                + " build the code into a library (gcc -shared -fPIC -o libfoo.so foo.c) and pass --library ./libfoo.so");
        }
        Path workingDir = spec.option(CModuleOptions.WORKING_DIR).map(Path::of).orElse(null);
        return locate(spec.source(), workingDir, home);
    }

    /**
     * Finds a library.
     *
     * @param workingDir the caller's working directory, or {@code null}
     * @param home the platform's home ({@code ggen.home}), or {@code null}
     * @throws ForeignException there is none by that name; the message says where it looked
     */
    public static CLibrary locate(String name, Path workingDir, Path home) {
        if (name == null || name.isBlank()) {
            throw new ForeignException("c", "LibraryNotFound", "no library given: name one, e.g. libz.so.1, m, or ./libfoo.so");
        }
        List<Path> looked = new ArrayList<>();
        if (name.contains("/")) {
            Path path = workingDir == null ? Path.of(name) : workingDir.resolve(name);
            return asFile(name, path.toAbsolutePath().normalize(), looked)
                .orElseThrow(() -> notFound(name, looked));
        }
        for (Path folder : folders(workingDir, home)) {
            Optional<CLibrary> found = asFile(name, folder.resolve(name), looked);
            if (found.isPresent()) {
                return found.get();
            }
        }
        if (name.contains(".so")) {
            // libc.so.6, libz.so.1: the dynamic loader searches its cache and LD_LIBRARY_PATH
            return new CLibrary(name, Optional.empty(), name);
        }
        return systemLibrary(name, looked).orElseThrow(() -> notFound(name, looked));
    }

    private static List<Path> folders(Path workingDir, Path home) {
        List<Path> folders = new ArrayList<>();
        if (workingDir != null) {
            folders.add(workingDir);
        }
        if (home != null) {
            folders.add(home.resolve(NATIVE_FOLDER));
        }
        return folders;
    }

    private static Optional<CLibrary> asFile(String name, Path path, List<Path> looked) {
        looked.add(path);
        return Files.isRegularFile(path) ? Optional.of(new CLibrary(name, Optional.of(path), path.toString())) : Optional.empty();
    }

    /** {@code m} -> {@code libm.so} if it is a real shared object (not a linker script), else the newest {@code libm.so.N}. */
    private static Optional<CLibrary> systemLibrary(String name, List<Path> looked) {
        String base = name.startsWith("lib") ? name : "lib" + name;
        for (Path folder : systemFolders()) {
            looked.add(folder.resolve(base + ".so*"));
            Path plain = folder.resolve(base + ".so");
            if (isElf(plain)) {
                return Optional.of(new CLibrary(name, Optional.of(plain), plain.toString()));
            }
            try (Stream<Path> files = Files.list(folder)) {
                Optional<Path> versioned = files
                    .filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(base) + "\\.so\\.[0-9.]+"))
                    .filter(CLibrary::isElf)
                    .max(Comparator.comparing((Path f) -> f.getFileName().toString().length()).reversed()
                        .thenComparing(f -> f.getFileName().toString()));
                if (versioned.isPresent()) {
                    return Optional.of(new CLibrary(name, versioned, versioned.get().toString()));
                }
            } catch (IOException e) {
                // an unreadable folder holds nothing we can load: go on with the next
            }
        }
        return Optional.empty();
    }

    private static Set<Path> systemFolders() {
        Set<Path> folders = new LinkedHashSet<>();
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (String entry : ldPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        for (String folder : List.of("/lib/" + arch, "/usr/lib/" + arch, "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib")) {
            folders.add(Path.of(folder));
        }
        folders.removeIf(f -> !Files.isDirectory(f));
        return folders;
    }

    private static boolean isElf(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(4), ELF);
        } catch (IOException e) {
            return false;
        }
    }

    private static ForeignException notFound(String name, List<Path> looked) {
        return new ForeignException("c", "LibraryNotFound", "cannot find the library '" + name + "'; looked for "
            + looked.stream().map(Path::toString).toList() + " and in the dynamic loader's search path."
            + " Give a path (./libfoo.so), a loader name (libz.so.1), or a short name (z)");
    }
}

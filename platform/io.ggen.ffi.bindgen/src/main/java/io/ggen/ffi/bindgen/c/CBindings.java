package io.ggen.ffi.bindgen.c;

import io.ggen.ffi.bindgen.GeneratedInterface;
import io.ggen.ffi.bindgen.JavaNames;
import io.ggen.ffi.c.CLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Java bindings of a C header ({@code ggen bindgen c}): one interface for the C bridges' typed
 * bindings ({@link io.ggen.ffi.c.CBinder}), with a {@code @CFunction} method per function, the
 * header's integer and string {@code #define}s and its enums as constants, and its callback types as
 * functional interfaces. The header is read by clang, which must be on the {@code PATH}.
 *
 * <pre>{@code
 * GeneratedInterface zlib = CBindings.generate(Path.of("/usr/include/zlib.h"), "z", "org.acme.zlib", "Zlib", List.of());
 * zlib.writeTo(Path.of("gen"));
 * }</pre>
 */
@ProviderType
public final class CBindings {

    private CBindings() {
    }

    /**
     * Writes the interface: its Java source, with how many functions it binds and leaves out.
     *
     * @param library the library the functions are in (as {@link CLibrary#locate} takes it), written as
     *     the constant {@code LIBRARY}; when it can be opened, functions it does not export are skipped;
     *     or {@code null}
     * @param packageName the interface's package; empty for none
     * @param interfaceName its simple name; {@code null} for one made of the header's name
     *     ({@code zlib.h}: {@code Zlib})
     * @param clangArgs more arguments for clang, e.g. {@code -I/opt/include}, {@code -DNAME=1}
     * @throws CHeaderException clang is missing or refused the header
     * @throws IllegalArgumentException the package name is not one
     */
    public static GeneratedInterface generate(Path header, String library, String packageName, String interfaceName, List<String> clangArgs) {
        JavaNames.packageName(packageName.isEmpty() ? "unnamed" : packageName);
        Clang clang = Clang.onPath();
        ClangHeader read = CHeader.read(clang, header, clangArgs);
        List<CMacros.Constant> macros = CMacros.read(clang, read.file(), clangArgs);
        String name = interfaceName != null ? JavaNames.identifier(interfaceName)
            : JavaNames.typeName(read.file().getFileName().toString().replaceFirst("\\.h$", ""));
        if (library == null) {
            return new CBindingWriter(read, macros, null, symbol -> true, null).write(packageName, name);
        }
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup symbols;
            try {
                symbols = SymbolLookup.libraryLookup(CLibrary.locate(library, Path.of("").toAbsolutePath(), null).loaderName(), arena);
            } catch (RuntimeException e) {
                return new CBindingWriter(read, macros, library, symbol -> true, "the library " + library
                    + " could not be opened when this was generated, so which functions it exports was not checked")
                    .write(packageName, name);
            }
            Predicate<String> exported = symbol -> symbols.find(symbol).isPresent();
            return new CBindingWriter(read, macros, library, exported, null).write(packageName, name);
        }
    }
}

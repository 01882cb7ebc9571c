package io.ggen.ffi.bindgen.c;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A C header read by clang ({@code clang -x c -fsyntax-only -fparse-all-comments -Xclang -ast-dump=json}):
 * the functions, typedefs, enums and structs the header declares itself, not those of what it
 * includes.
 */
@ProviderType
public final class CHeader {

    private CHeader() {
    }

    /**
     * The C signature of one function a header declares, as the C bridges take it (e.g. for
     * {@code ggen test-ffi c --header}): {@code unsigned long crc32(unsigned long crc, const unsigned char* buf, unsigned int len)}.
     * Typedefs are resolved; pointers to structs are {@code void*}.
     *
     * @param clangArgs more arguments for clang, e.g. {@code -I/opt/include}, {@code -DNAME=1}
     * @throws CHeaderException clang is missing or refused the header; the function is not declared in
     *     the header; or the C bridges cannot call it (the message says why)
     */
    public static String signature(Path header, String function, List<String> clangArgs) {
        ClangHeader read = read(Clang.onPath(), header, clangArgs);
        ClangHeader.Function declared = read.functions().stream().filter(f -> f.name().equals(function)).findFirst()
            .orElseThrow(() -> new CHeaderException("the function '" + function + "' is not declared in " + header
                + " (it declares " + read.functions().size() + " function" + (read.functions().size() == 1 ? "" : "s")
                + (read.functions().isEmpty() ? "" : ", e.g. " + read.functions().stream().limit(5)
                    .map(ClangHeader.Function::name).collect(Collectors.joining(", "))) + ")"));
        try {
            return CFunctions.map(declared, new CTypeMapping(read.allTypedefs())).signature();
        } catch (CTypeMapping.Unsupported e) {
            throw new CHeaderException("the C bridges cannot call '" + function + "' as " + header + " declares it: "
                + e.getMessage());
        }
    }

    /** {@link #signature(Path, String, List)} without more clang arguments. */
    public static String signature(Path header, String function) {
        return signature(header, function, List.of());
    }

    /** Runs clang on the header and reads its AST as it comes. */
    static ClangHeader read(Clang clang, Path header, List<String> clangArgs) {
        if (!Files.isRegularFile(header)) {
            throw new CHeaderException("no such header: " + header);
        }
        Path file = header.toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("-x", "c", "-fsyntax-only", "-fparse-all-comments", "-Wno-everything"));
        args.addAll(clangArgs);
        args.addAll(List.of("-Xclang", "-ast-dump=json", file.toString()));
        return clang.run(args, true, output -> {
            try {
                return ClangAstReader.read(output, file);
            } catch (IOException | RuntimeException e) {
                if (e instanceof CHeaderException known) {
                    throw known;
                }
                throw new CHeaderException("cannot read clang's AST of " + header + ": " + e.getMessage(), e);
            }
        });
    }
}

package io.ggen.ffi.bridge.wasm.internal;

import io.ggen.ffi.api.ForeignArgumentException;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's bytes from its spec: a file (binary, or WebAssembly text when it is named {@code *.wat}),
 * a name ({@code NAME} or {@code NAME.wasm} in the module option {@value #WORKING_DIR}), bytes, or
 * code as WebAssembly text.
 */
final class WasmSources {

    /** The module option telling the caller's working directory, where named modules and relative files are found. */
    static final String WORKING_DIR = "working-dir";

    private WasmSources() {
    }

    /**
     * @throws ForeignException {@code FileNotFound}, {@code IOError}, {@code WatSyntaxError}; or a
     *     {@code ForeignArgumentException} for code that is not WebAssembly text
     */
    static byte[] read(ModuleSpec spec) {
        return switch (spec.kind()) {
            case FILE -> binaryOrText(resolve(spec, spec.source()), spec.source());
            case NAME -> file(named(spec), spec.source());
            case BYTES -> spec.bytes();
            case CODE -> code(spec.source());
        };
    }

    private static byte[] code(String code) {
        if (!WatAssembler.isText(code)) {
            throw new ForeignArgumentException(ChicoryWasmBridge.LANGUAGE, "WebAssembly code is given as text, a"
                + " (module ...) form, e.g. (module (func (export \"add\") (param i32 i32) (result i32) local.get 0"
                + " local.get 1 i32.add)); pass a binary module as a file (--file x.wasm) or as bytes");
        }
        return WatAssembler.assemble(code);
    }

    private static Path resolve(ModuleSpec spec, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path;
        }
        return spec.option(WORKING_DIR).map(dir -> Path.of(dir).resolve(path)).orElse(path).toAbsolutePath().normalize();
    }

    private static Path named(ModuleSpec spec) {
        String name = spec.source();
        List<Path> candidates = new ArrayList<>();
        candidates.add(resolve(spec, name));
        if (!name.endsWith(".wasm")) {
            candidates.add(resolve(spec, name + ".wasm"));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "FileNotFound", "no WebAssembly module " + name
            + ": looked for " + String.join(" and ", candidates.stream().map(Path::toString).toList())
            + (spec.option(WORKING_DIR).isPresent() ? "" : " (no " + WORKING_DIR + " option: relative to the"
            + " platform's folder)"));
    }

    private static byte[] binaryOrText(Path path, String name) {
        byte[] bytes = file(path, name);
        return path.getFileName().toString().endsWith(".wat") ? code(new String(bytes, StandardCharsets.UTF_8)) : bytes;
    }

    private static byte[] file(Path path, String name) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "FileNotFound", "no WebAssembly file " + path,
                List.of(), e);
        } catch (IOException e) {
            throw new ForeignException(ChicoryWasmBridge.LANGUAGE, "IOError", "cannot read the WebAssembly file "
                + path + " (" + name + "): " + e, List.of(), e);
        }
    }
}

package io.ggen.ffi.bridge.wasm.internal;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import io.ggen.ffi.api.ForeignException;
import io.ggen.ffi.api.ForeignFrame;
import io.ggen.ffi.bridge.wasm.internal.wabt.Wat2Wasm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebAssembly text to binary, in pure Java: wabt's {@code wat2wasm} (from Chicory's wabt artifact),
 * compiled to JVM bytecode when this bundle was built, run on WASI with the text as stdin and the
 * binary as stdout ({@code wat2wasm - --output=-}).
 */
final class WatAssembler {

    /** {@code -:3:14: error: ...}: the first error wat2wasm reports. */
    private static final Pattern ERROR = Pattern.compile("^-:(\\d+):(\\d+): (?:error: )?(.*)$", Pattern.MULTILINE);

    private WatAssembler() {
    }

    /** Whether code looks like WebAssembly text: a {@code (module ...)} form or bare module fields, maybe after comments. */
    static boolean isText(String code) {
        String text = code.strip();
        while (text.startsWith(";;") || text.startsWith("(;")) {
            int end = text.startsWith(";;") ? text.indexOf('\n') : text.indexOf(";)");
            if (end < 0) {
                return false;
            }
            text = text.substring(end + (text.startsWith(";;") ? 1 : 2)).strip();
        }
        return text.startsWith("(");
    }

    /**
     * The module's binary.
     *
     * @throws ForeignException {@code WatSyntaxError}: the text does not assemble; the message quotes wat2wasm
     */
    static byte[] assemble(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiOptions options = WasiOptions.builder()
            .withStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), false)
            .withStdout(out, false)
            .withStderr(err, false)
            .withArguments(List.of("wat2wasm", "-", "--output=-"))
            .build();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).withLogger(new QuietLog()).build()) {
            // Instantiating runs _start: wat2wasm's main.
            Instance.builder(Wat2Wasm.load())
                .withMachineFactory(Wat2Wasm::create)
                .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                .build();
        } catch (WasiExitException e) {
            if (e.exitCode() != 0) {
                throw syntaxError(err.toString(StandardCharsets.UTF_8), e);
            }
        }
        return out.toByteArray();
    }

    private static ForeignException syntaxError(String report, WasiExitException e) {
        Matcher first = ERROR.matcher(report);
        if (!first.find()) {
            return new ForeignException(ChicoryWasmBridge.LANGUAGE, "WatSyntaxError", "the WebAssembly text does not"
                + " assemble: " + WasmErrors.shorten(report), List.of(), e);
        }
        int line = Integer.parseInt(first.group(1));
        int column = Integer.parseInt(first.group(2));
        return new ForeignException(ChicoryWasmBridge.LANGUAGE, "WatSyntaxError", "the WebAssembly text does not"
            + " assemble: line " + line + ", column " + column + ": " + first.group(3).strip(),
            List.of(new ForeignFrame("<module>", "<code>", line, column)), e);
    }

    /** wat2wasm's WASI calls are not worth a log line. */
    private static final class QuietLog implements com.dylibso.chicory.log.Logger {
        @Override
        public void log(Level level, String msg, Throwable throwable) {
            // never loggable: nothing comes here
        }

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }
    }
}

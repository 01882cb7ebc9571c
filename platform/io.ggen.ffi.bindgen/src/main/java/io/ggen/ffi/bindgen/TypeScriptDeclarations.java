package io.ggen.ffi.bindgen;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ggen.ffi.api.ForeignModule;
import io.ggen.ffi.api.ForeignRuntime;
import io.ggen.ffi.api.FunctionSignature;
import io.ggen.ffi.api.ModuleSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the functions a TypeScript declaration file ({@code .d.ts}, {@code .ts}) or a JavaScript
 * file with JSDoc types declares, with the real TypeScript compiler run through the platform's
 * JavaScript bridge: TypeScript's {@code typescript.js} (embedded in this bundle) and a small driver
 * are loaded as one JavaScript module, which parses the file, resolves its type aliases with the
 * checker and answers in neutral type names.
 *
 * <p>Types: {@code number} is {@code float}, and {@code int} where the file names its type
 * {@code int} or {@code integer} (declare {@code type int = number;}, or in JSDoc
 * {@code @typedef {number} int}); {@code int32} and {@code float32} likewise; {@code bigint},
 * {@code string}, {@code boolean} as {@code bool}, {@code Uint8Array} as {@code bytes};
 * {@code T[]}, {@code Array<T>}, {@code ReadonlyArray<T>} as {@code list<T>};
 * {@code Record<string, T>} and {@code {[k: string]: T}} as {@code map<T>}; {@code T | null},
 * {@code T | undefined} as {@code optional<T>}; {@code void} and {@code undefined} as {@code null};
 * {@code Promise<T>} as {@code T}; interfaces, classes and other object types as {@code map<any>};
 * anything else as {@code any}. {@code a?: T} and a default make a parameter optional; a rest
 * parameter makes the function variadic. Of overloaded declarations, the first binds.
 *
 * <p>TypeScript runs where it runs best: in Node when {@code node} is on the {@code PATH} (the
 * compiler, 9 MB of JavaScript, loads in well under a second there), else in GraalJS through the
 * platform's JavaScript bridge (about half a minute: the module is loaded once, at the first read,
 * and kept until {@link #close()}). Both run the same script and answer alike.
 */
public final class TypeScriptDeclarations implements AutoCloseable {

    private static final String WEBJAR = "META-INF/resources/webjars/typescript/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/typescript/pom.properties";
    private static final String DRIVER = "io/ggen/ffi/bindgen/typescript/declarations.js";
    private static final String ENTRY = "ggenDeclarations";

    private final ForeignRuntime runtime;
    private final Path node;
    private ForeignModule compiler;
    private Path nodeScript;
    private Duration loadTime = Duration.ZERO;

    private TypeScriptDeclarations(ForeignRuntime runtime, Path node) {
        this.runtime = runtime;
        this.node = node;
    }

    /** TypeScript in Node when {@code node} is on the {@code PATH}, else through the runtime's JavaScript bridge. */
    public static TypeScriptDeclarations of(ForeignRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        return findNode().map(TypeScriptDeclarations::inNode).orElseGet(() -> inGraalJs(runtime));
    }

    /** TypeScript in GraalJS, loaded through the runtime's JavaScript bridge. */
    public static TypeScriptDeclarations inGraalJs(ForeignRuntime runtime) {
        return new TypeScriptDeclarations(Objects.requireNonNull(runtime, "runtime"), null);
    }

    /** TypeScript in Node, a process per read. */
    public static TypeScriptDeclarations inNode(Path node) {
        return new TypeScriptDeclarations(null, Objects.requireNonNull(node, "node"));
    }

    /** The {@code node} (or Debian's older {@code nodejs}) on the {@code PATH}. */
    public static Optional<Path> findNode() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("node", "nodejs")) {
            for (String folder : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether TypeScript runs through the platform's JavaScript bridge (not in Node). */
    public boolean needsJavaScriptBridge() {
        return node == null;
    }

    /** Where TypeScript runs: {@code Node (/usr/bin/node)} or {@code GraalJS}. */
    public String engine() {
        return node == null ? "GraalJS" : "Node (" + node + ")";
    }

    /** The version of the embedded TypeScript compiler, e.g. {@code 5.9.3}. */
    public static String typeScriptVersion() {
        Properties pom = new Properties();
        try (InputStream in = resource(WEBJAR_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    /** The JavaScript module's code: TypeScript's {@code typescript.js}, then the driver. */
    static String script() {
        try (InputStream compiler = resource(WEBJAR + typeScriptVersion() + "/lib/typescript.js");
             InputStream driver = resource(DRIVER)) {
            return new String(compiler.readAllBytes(), StandardCharsets.UTF_8) + "\n"
                + new String(driver.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TypeScriptDeclarations.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the binding generator lacks " + name + ": its bundle was built without TypeScript");
        }
        return in;
    }

    /**
     * The module a declaration file describes: {@code lib.d.ts} (or {@code lib.d.mts}, {@code lib.ts})
     * describes {@code lib.js} next to it; a JavaScript file describes itself.
     */
    public static Path moduleFile(Path declarations) {
        String name = declarations.getFileName().toString();
        String base = name.replaceFirst("\\.d\\.[cm]?ts$", "").replaceFirst("\\.[cm]?tsx?$", "");
        return base.equals(name) ? declarations : declarations.resolveSibling(base + ".js");
    }

    /** Reads the functions a file declares; its extension says whether it is TypeScript or JavaScript. */
    public List<FunctionSignature> read(Path file) throws IOException {
        return read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Reads the functions of a file's text.
     *
     * @param fileName its name, whose extension tells TypeScript from JavaScript ({@code .js}, {@code .mjs}...)
     */
    public synchronized List<FunctionSignature> read(String fileName, String text) {
        String answer = node == null ? String.valueOf(compiler().call(ENTRY, fileName, text)) : inNode(fileName, text);
        List<FunctionSignature> functions = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(answer).getAsJsonArray()) {
            JsonObject function = element.getAsJsonObject();
            List<FunctionSignature.Parameter> parameters = new ArrayList<>();
            JsonArray params = function.getAsJsonArray("params");
            for (JsonElement param : params) {
                JsonObject p = param.getAsJsonObject();
                parameters.add(new FunctionSignature.Parameter(p.get("name").getAsString(), p.get("type").getAsString(),
                    p.get("optional").getAsBoolean()));
            }
            functions.add(new FunctionSignature(function.get("name").getAsString(), parameters,
                function.get("returns").getAsString(), function.get("doc").getAsString(),
                function.get("variadic").getAsBoolean()));
        }
        return functions;
    }

    /** The driver's answer from a Node process, which gets the file's name and a copy of its text as arguments. */
    private String inNode(String fileName, String text) {
        Path copy = null;
        try {
            if (nodeScript == null) {
                long start = System.nanoTime();
                nodeScript = Files.createTempFile("ggen-typescript", ".js");
                Files.writeString(nodeScript, script() + "\nprocess.stdout.write(" + ENTRY
                    + "(process.argv[2], require('fs').readFileSync(process.argv[3], 'utf8')));\n", StandardCharsets.UTF_8);
                loadTime = Duration.ofNanos(System.nanoTime() - start);
            }
            copy = Files.createTempFile("ggen-typescript-source", ".txt");
            Files.writeString(copy, text, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(node.toString(), nodeScript.toString(), fileName, copy.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String answer = readAll(process.getInputStream());
            if (process.waitFor() != 0) {
                throw new UncheckedIOException(new IOException("TypeScript in " + engine() + " failed on " + fileName
                    + " (exit " + process.exitValue() + "): " + errors.join().strip()));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run TypeScript in " + engine() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while TypeScript read " + fileName, e);
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long loading TypeScript took (zero before the first read). */
    public synchronized Duration loadTime() {
        return loadTime;
    }

    private ForeignModule compiler() {
        if (compiler == null) {
            long start = System.nanoTime();
            compiler = runtime.load(ModuleSpec.code("javascript", script()));
            loadTime = Duration.ofNanos(System.nanoTime() - start);
        }
        return compiler;
    }

    /** Closes the TypeScript module, or deletes the Node script, if there is one. */
    @Override
    public synchronized void close() {
        if (compiler != null) {
            compiler.close();
            compiler = null;
        }
        if (nodeScript != null) {
            try {
                Files.deleteIfExists(nodeScript);
            } catch (IOException e) {
                nodeScript.toFile().deleteOnExit();
            }
            nodeScript = null;
        }
    }
}

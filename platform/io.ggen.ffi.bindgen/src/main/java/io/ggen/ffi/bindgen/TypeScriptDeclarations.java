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
import java.util.Properties;

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
 * <p>Loading TypeScript takes a while (the compiler is 9 MB of JavaScript): the module is loaded
 * once, at the first read, and kept until {@link #close()}.
 */
public final class TypeScriptDeclarations implements AutoCloseable {

    private static final String WEBJAR = "META-INF/resources/webjars/typescript/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/typescript/pom.properties";
    private static final String DRIVER = "io/ggen/ffi/bindgen/typescript/declarations.js";
    private static final String ENTRY = "ggenDeclarations";

    private final ForeignRuntime runtime;
    private ForeignModule compiler;
    private Duration loadTime = Duration.ZERO;

    /** @param runtime loads TypeScript through its JavaScript bridge */
    public TypeScriptDeclarations(ForeignRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
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
        Object answer = compiler().call(ENTRY, fileName, text);
        List<FunctionSignature> functions = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(String.valueOf(answer)).getAsJsonArray()) {
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

    /** Closes the TypeScript module, if it was loaded. */
    @Override
    public synchronized void close() {
        if (compiler != null) {
            compiler.close();
            compiler = null;
        }
    }
}

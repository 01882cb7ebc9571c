package io.ggen.ffi.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindgenArgumentsTest {

    @TempDir
    Path dir;

    private Path header;
    private Path python;
    private Path out;

    @BeforeEach
    void files() throws IOException {
        header = Files.writeString(dir.resolve("zlib.h"), "unsigned long compressBound(unsigned long sourceLen);\n");
        python = Files.writeString(dir.resolve("greeter.py"), "def greet(name: str) -> str:\n    return name\n");
        out = dir.resolve("generated");
    }

    @Test
    void aCHeaderWithLibraryAndClangArgsIsOneTokenPerClangArg() {
        BindgenArguments args = BindgenArguments.of("c", header, "z", List.of("-I/opt/include", "-DNDEBUG"), null, null, null,
            null, null, "org.acme.zlib", "Zlib", out);

        assertThat(args.commandLine()).containsExactly("bindgen", "c", "--header", header.toString(), "--library", "z",
            "--clang-arg=-I/opt/include", "--clang-arg=-DNDEBUG", "--package", "org.acme.zlib", "--output", out.toString(),
            "--name", "Zlib");
        assertThat(args.input()).contains(header);
        assertThat(args.packageDirectory()).isEqualTo(out.resolve("org/acme/zlib"));
    }

    @Test
    void aPythonModuleByNameHasNoInputFileAndNoNameUnlessGiven() {
        BindgenArguments args = BindgenArguments.of("python", null, null, null, "greeter", null, null, null, null, "org.acme", " ", out);

        assertThat(args.commandLine()).containsExactly("bindgen", "python", "--module", "greeter", "--package", "org.acme",
            "--output", out.toString());
        assertThat(args.input()).isEmpty();
    }

    @Test
    void fileLanguagesAndWorkersTakeTheirSource() {
        assertThat(BindgenArguments.of("python", null, null, List.of(), null, null, python, null, null, "p", null, out).commandLine())
            .containsSubsequence("python", "--file", python.toString());
        assertThat(BindgenArguments.of("javascript", null, null, null, null, null, python, null, null, "p", null, out).commandLine())
            .containsSubsequence("javascript", "--file", python.toString());
        assertThat(BindgenArguments.of("wasm", null, null, null, null, null, python, null, null, "p", null, out).input()).contains(python);
        assertThat(BindgenArguments.of("go", null, null, null, null, null, null, "./worker --stdio", null, "p", null, out).commandLine())
            .containsSubsequence("go", "--worker", "./worker --stdio");
    }

    @Test
    void aPythonModuleIsFoundInThePythonPathAndShortLanguageNamesAreTheLongOnes() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        BindgenArguments args = BindgenArguments.of("py", null, null, null, "greeter", List.of(lib), null, null, null, "p", null, out);

        assertThat(args.language()).isEqualTo("python");
        assertThat(args.commandLine()).containsSubsequence("python", "--module", "greeter", "--python-path", lib.toString());
        assertThat(BindgenArguments.of("js", null, null, null, null, null, python, null, null, "p", null, out).language())
            .isEqualTo("javascript");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("python", null, null, null, "m", List.of(dir.resolve("none")), null, null, null,
                "p", null, out))
            .withMessage("<pythonPath> " + dir.resolve("none") + " is not a folder");
    }

    @Test
    void moduleOptionsAreOneTokenEachForTheLanguagesThatLoadAModule() {
        assertThat(BindgenArguments.of("cpython", null, null, null, null, null, null, "python3 w.py",
                List.of("env.MODE=fast", "pool.size=2"), "p", null, out).commandLine())
            .containsSubsequence("--worker", "python3 w.py", "--option=env.MODE=fast", "--option=pool.size=2", "--package");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("go", null, null, null, null, null, null, "./w", List.of("=x"), "p", null, out))
            .withMessage("<options> takes KEY=VALUE, e.g. env.NAME=VALUE, not '=x'");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("c", header, null, null, null, null, null, null, List.of("a=b"), "p", null, out))
            .withMessageContaining("<options> is not a parameter of language c");
    }

    @Test
    void anUnknownLanguageNamesTheKnownOnes() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("cobol", header, null, null, null, null, null, null, null, "p", null, out))
            .withMessageContaining("'cobol'")
            .withMessageContaining("c, cpython, go, javascript, node, python, rpc, wasm");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of(null, header, null, null, null, null, null, null, null, "p", null, out))
            .withMessageContaining("language is missing");
    }

    @Test
    void aParameterOfAnotherLanguageIsRefusedByName() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("python", null, "z", null, null, null, python, null, null, "p", null, out))
            .withMessage("<library> is not a parameter of language python: it takes file, module, options, pythonPath");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("c", header, null, null, null, null, python, null, null, "p", null, out))
            .withMessageContaining("<file> is not a parameter of language c");
    }

    @Test
    void eachLanguageNeedsItsSource() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("c", null, "z", null, null, null, null, null, null, "p", null, out))
            .withMessageContaining("language c needs <header>");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("python", null, null, null, "m", null, python, null, null, "p", null, out))
            .withMessageContaining("needs one of <module>");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("node", null, null, null, null, null, null, " ", null, "p", null, out))
            .withMessageContaining("language node needs <worker>");
    }

    @Test
    void aMissingFileAndABadJavaNameAreReported() {
        Path missing = dir.resolve("missing.h");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("c", missing, null, null, null, null, null, null, null, "p", null, out))
            .withMessage("<header> " + missing + " is not a file");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("c", header, null, null, null, null, null, null, null, "org.acme-zlib", null, out))
            .withMessageContaining("<packageName> must be a Java package name");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BindgenArguments.of("c", header, null, null, null, null, null, null, null, "p", "a.B", out))
            .withMessageContaining("<interfaceName> must be a simple Java type name");
    }
}

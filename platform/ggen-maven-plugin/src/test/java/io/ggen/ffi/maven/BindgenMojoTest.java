package io.ggen.ffi.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal with a shell script as {@code bin/ggen} that writes what the real one would. */
class BindgenMojoTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private BindgenMojo mojo;
    private Path home;

    @BeforeEach
    void project() throws IOException {
        home = dir.resolve("ggen-ffi");
        Path ggen = Files.createDirectories(home.resolve("bin")).resolve("ggen");
        Files.writeString(ggen, """
            #!/bin/sh
            while [ $# -gt 0 ]; do
              case "$1" in --output) out="$2";; --name) name="$2";; esac
              shift
            done
            mkdir -p "$out/org/acme"
            echo "public interface $name {}" > "$out/org/acme/$name.java"
            echo "wrote $out/org/acme/$name.java: 1 function"
            echo "a note on stderr" >&2
            """);
        Files.setPosixFilePermissions(ggen, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(ggen, FileTime.from(Instant.now().minusSeconds(60)));
        Path header = Files.writeString(dir.resolve("lib.h"), "int answer(void);\n");
        Files.setLastModifiedTime(header, FileTime.from(Instant.now().minusSeconds(60)));

        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        mojo = new BindgenMojo(null);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add("[INFO] " + content);
            }

            @Override
            public void warn(CharSequence content) {
                log.add("[WARNING] " + content);
            }
        });
        mojo.project = project;
        mojo.language = "c";
        mojo.header = header.toFile();
        mojo.packageName = "org.acme";
        mojo.interfaceName = "Lib";
        mojo.outputDirectory = dir.resolve("target/generated-sources/ggen").toFile();
        mojo.stampDirectory = dir.resolve("target/ggen-bindgen").toFile();
        mojo.ggenHome = home.toFile();
        mojo.timeout = 30;
    }

    @Test
    void itGeneratesAddsTheSourceRootAndIsUpToDateTheSecondTime() throws Exception {
        mojo.execute();

        Path root = dir.resolve("target/generated-sources/ggen");
        assertThat(root.resolve("org/acme/Lib.java")).hasContent("public interface Lib {}");
        assertThat(mojo.project.getCompileSourceRoots()).containsExactly(root.toString());
        assertThat(log).contains("[INFO] Generating bindings org.acme.Lib (c) with " + home.resolve("bin/ggen"),
            "[INFO] wrote " + root.resolve("org/acme/Lib.java") + ": 1 function", "[WARNING] a note on stderr");

        log.clear();
        mojo.execute();

        assertThat(log).containsExactly("[INFO] Bindings org.acme.Lib (c) are up to date");
        assertThat(mojo.project.getCompileSourceRoots()).containsExactly(root.toString());
    }

    @Test
    void skipGeneratesNothingAndAddsNoSourceRoot() throws Exception {
        mojo.skip = true;

        mojo.execute();

        assertThat(dir.resolve("target")).doesNotExist();
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
    }

    @Test
    void aWrongConfigurationFailsTheBuildNamingTheParameter() {
        mojo.library = "z";
        mojo.language = "python";

        assertThatExceptionOfType(MojoFailureException.class).isThrownBy(mojo::execute)
            .withMessageStartingWith("ggen:bindgen: <header> is not a parameter of language python");

        mojo.language = "c";
        mojo.ggenHome = dir.toFile();
        assertThatExceptionOfType(MojoFailureException.class).isThrownBy(mojo::execute)
            .withMessageContaining("it has no executable bin/ggen");

        mojo.timeout = 0;
        assertThatExceptionOfType(MojoFailureException.class).isThrownBy(mojo::execute)
            .withMessageContaining("<timeout> is 0");
    }
}

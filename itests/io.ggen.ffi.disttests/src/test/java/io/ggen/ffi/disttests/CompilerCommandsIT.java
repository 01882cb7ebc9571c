package io.ggen.ffi.disttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The distribution's {@code conf/hotspot_compiler}, the compiler commands that inline the platform's call
 * path into its callers: bin/ggen gives it to the JVM (an option of {@code conf/jvm.options}), and each
 * command names a method that exists (the JVM ignores one that does not, so a renamed method would lose
 * its inlining without a word).
 */
class CompilerCommandsIT extends OneShotRuns {

    private static final String FILE = "conf/hotspot_compiler";

    @Override
    Duration runTimeout() {
        return Duration.ofSeconds(60);
    }

    @Test
    void binGgenGivesTheFileToTheJvm() throws Exception {
        ProcessBuilder builder = Distribution.ggen(home, workDir, List.of("--help"));
        builder.environment().put("GGEN_OPTS", "-XX:+PrintFlagsFinal");
        ProcessRun run = ProcessRun.of(builder, workDir, runTimeout());

        assertThat(run.exitCode()).as(run::describe).isZero();
        Path file = home.toRealPath().resolve(FILE);
        assertThat(run.stdout()).as(run::describe)
            .containsPattern("CompileCommandFile\\s+= " + Pattern.quote(file.toString()) + "\\s")
            .containsPattern("EnableJVMCI\\s+= true\\s");   // another option of the same file
    }

    @Test
    void everyInlineCommandNamesAMethodOfTheDistribution() throws Exception {
        List<String> commands = Files.readAllLines(home.resolve(FILE)).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
        // the JVM prints each command on stdout unless told to be quiet first
        assertThat(commands).first().isEqualTo("quiet");
        List<String> inlined = commands.stream()
            .filter(command -> command.startsWith("inline "))
            .map(command -> command.substring("inline ".length()).strip())
            .toList();
        assertThat(inlined).isNotEmpty();

        try (URLClassLoader distribution = new URLClassLoader(jars("lib", "boot/1-core"), null)) {
            for (String target : inlined) {
                String[] classAndMethod = target.split("::");
                assertThat(classAndMethod).as(target).hasSize(2);
                Class<?> type = Class.forName(classAndMethod[0], false, distribution);
                assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                    .as("the methods of %s", type.getName())
                    .contains(classAndMethod[1]);
            }
        }
    }

    private static URL[] jars(String... folders) throws Exception {
        List<URL> jars = new ArrayList<>();
        for (String folder : folders) {
            try (Stream<Path> files = Files.list(home.resolve(folder))) {
                for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                    jars.add(jar.toUri().toURL());
                }
            }
        }
        return jars.toArray(URL[]::new);
    }
}

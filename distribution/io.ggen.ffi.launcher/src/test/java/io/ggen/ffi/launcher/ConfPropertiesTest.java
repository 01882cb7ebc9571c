package io.ggen.ffi.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfPropertiesTest {

    private static final Function<String, String> NO_SYSTEM_PROPERTIES = key -> null;

    @Test
    void substitutesSystemPropertiesSuchAsGgenHome() {
        Map<String, String> resolved = ConfProperties.resolve(
                Map.of("felix.fileinstall.dir", "${ggen.home}/deploy"),
                Map.of("ggen.home", "/opt/ggen")::get, "ggen.properties");

        assertThat(resolved).containsEntry("felix.fileinstall.dir", "/opt/ggen/deploy");
    }

    @Test
    void substitutesKeysOfTheFileTransitively() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("a", "${b}-${b}");
        raw.put("b", "${c}x");
        raw.put("c", "from-file");

        Map<String, String> resolved = ConfProperties.resolve(raw, Map.of("d", "unused")::get, "f");

        assertThat(resolved).containsEntry("a", "from-filex-from-filex").containsEntry("b", "from-filex");
    }

    @Test
    void aReferenceToAnOverriddenKeySeesTheOverride() {
        Map<String, String> resolved = ConfProperties.resolve(Map.of("a", "${c}/x", "c", "from-file"),
                Map.of("c", "from-system")::get, "f");

        assertThat(resolved).containsEntry("a", "from-system/x");
    }

    @Test
    void aSystemPropertyWithTheSameKeyOverridesTheFile() {
        Map<String, String> resolved = ConfProperties.resolve(
                Map.of("org.osgi.service.http.port", "8080", "other", "kept"),
                Map.of("org.osgi.service.http.port", "9090", "unrelated", "x")::get, "f");

        assertThat(resolved).containsExactlyInAnyOrderEntriesOf(Map.of("org.osgi.service.http.port", "9090", "other", "kept"));
    }

    @Test
    void anOverrideIsSubstitutedToo() {
        Map<String, String> resolved = ConfProperties.resolve(Map.of("dir", "x"),
                Map.of("dir", "${ggen.home}/elsewhere", "ggen.home", "/h")::get, "f");

        assertThat(resolved).containsEntry("dir", "/h/elsewhere");
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> ConfProperties.resolve(Map.of("dir", "${nowhere}/x"), NO_SYSTEM_PROPERTIES, "ggen.properties"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ggen.properties").hasMessageContaining("dir").hasMessageContaining("${nowhere}");
    }

    @Test
    void aCycleIsAnError() {
        assertThatThrownBy(() -> ConfProperties.resolve(Map.of("a", "${b}", "b", "${a}"), NO_SYSTEM_PROPERTIES, "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }

    @Test
    void anUnclosedReferenceIsAnError() {
        assertThatThrownBy(() -> ConfProperties.resolve(Map.of("a", "${b"), NO_SYSTEM_PROPERTIES, "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed");
    }

    @Test
    void loadsAFileWithCommentsAndContinuationLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ggen.properties");
        Files.writeString(file, """
                # a comment
                org.osgi.framework.system.packages.extra = \\
                    org.graalvm.polyglot;version=25.0.3, \\
                    org.graalvm.options;version=25.0.3
                felix.fileinstall.dir = ${ggen.home}/deploy
                """);

        Map<String, String> resolved = ConfProperties.load(file, Map.of("ggen.home", "/g")::get);

        assertThat(resolved)
                .containsEntry("org.osgi.framework.system.packages.extra",
                        "org.graalvm.polyglot;version=25.0.3, org.graalvm.options;version=25.0.3")
                .containsEntry("felix.fileinstall.dir", "/g/deploy")
                .hasSize(2);
    }

    @Test
    void anAbsentFileIsEmpty(@TempDir Path dir) throws IOException {
        assertThat(ConfProperties.load(dir.resolve("system.properties"), NO_SYSTEM_PROPERTIES)).isEmpty();
    }
}

package io.ggen.ffi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootFolderTest {

    @Test
    void theNumberPrefixIsTheStartLevel() {
        assertThat(BootFolder.of(Path.of("boot", "5-web"))).hasValueSatisfying(folder -> {
            assertThat(folder.startLevel()).isEqualTo(5);
            assertThat(folder.name()).isEqualTo("web");
        });
        assertThat(BootFolder.of(Path.of("12-late-extras"))).hasValueSatisfying(folder -> {
            assertThat(folder.startLevel()).isEqualTo(12);
            assertThat(folder.name()).isEqualTo("late-extras");
        });
    }

    @Test
    void aFolderWithoutAPositiveLevelIsNotABootFolder() {
        assertThat(BootFolder.of(Path.of("core"))).isEmpty();
        assertThat(BootFolder.of(Path.of("0-system"))).isEmpty();
        assertThat(BootFolder.of(Path.of("-1-x"))).isEmpty();
        assertThat(BootFolder.of(Path.of("1-"))).isEmpty();
        assertThat(BootFolder.of(Path.of("x1-core"))).isEmpty();
    }

    @Test
    void listsBootFoldersByLevelThenNameAndIgnoresTheRest(@TempDir Path boot) throws IOException {
        for (String name : new String[] {"5-web", "1-core", "10-late", "2-deploy", "2-aaa", "notes"}) {
            Files.createDirectory(boot.resolve(name));
        }
        Files.writeString(boot.resolve("3-file-not-folder"), "");

        assertThat(BootFolder.list(boot)).extracting(BootFolder::name)
                .containsExactly("core", "aaa", "deploy", "web", "late");
    }

    @Test
    void jarsAreSortedByNameAndOtherFilesIgnored(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"b.jar", "a.jar", "readme.txt", "c.jar.part"}) {
            Files.writeString(dir.resolve(name), "");
        }
        Files.createDirectory(dir.resolve("d.jar"));

        assertThat(new BootFolder(dir, 1, "core").jars()).extracting(path -> path.getFileName().toString())
                .containsExactly("a.jar", "b.jar");
        assertThat(BootFolder.jarsIn(dir.resolve("absent"))).isEmpty();
    }
}

package io.ggen.ffi.c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ggen.ffi.api.ForeignException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CLibraryTest {

    @Test
    void shortNamesAreFoundLikeTheLinkerDoes() {
        CLibrary m = CLibrary.locate("m", null, null);
        assertThat(m.file()).isPresent();
        assertThat(m.file().get().getFileName().toString()).startsWith("libm.so");
    }

    @Test
    void loaderNamesGoToTheLoader() {
        assertThat(CLibrary.locate("libc.so.6", null, null).loaderName()).isEqualTo("libc.so.6");
    }

    @Test
    void filesInTheWorkingDirectoryThenTheNativeFolder(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(CLibrary.NATIVE_FOLDER));
        Files.writeString(home.resolve(CLibrary.NATIVE_FOLDER).resolve("libx.so"), "x");
        assertThat(CLibrary.locate("libx.so", dir, home).file()).contains(home.resolve("lib/native/libx.so"));
        Files.writeString(dir.resolve("libx.so"), "x");
        assertThat(CLibrary.locate("libx.so", dir, home).file()).contains(dir.resolve("libx.so"));
        assertThat(CLibrary.locate("./libx.so", dir, home).file()).contains(dir.resolve("libx.so"));
    }

    @Test
    void aMissingLibrarySaysWhereItLooked(@TempDir Path dir) {
        assertThatThrownBy(() -> CLibrary.locate("nosuchlib", dir, null))
            .isInstanceOf(ForeignException.class)
            .hasMessageContaining("cannot find the library 'nosuchlib'").hasMessageContaining(dir.toString());
        assertThatThrownBy(() -> CLibrary.locate("./nope.so", dir, null)).hasMessageContaining("nope.so");
    }
}

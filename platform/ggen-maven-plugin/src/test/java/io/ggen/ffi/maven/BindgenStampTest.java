package io.ggen.ffi.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindgenStampTest {

    @TempDir
    Path dir;

    private Path home;
    private Path header;
    private Path out;
    private Path stamps;

    @BeforeEach
    void files() throws IOException {
        home = dir.resolve("ggen-ffi");
        Files.writeString(Files.createDirectories(home.resolve("bin")).resolve("ggen"), "#!/bin/sh\n");
        header = Files.writeString(dir.resolve("zlib.h"), "unsigned long compressBound(unsigned long n);\n");
        out = dir.resolve("generated-sources/ggen");
        stamps = dir.resolve("ggen-bindgen");
        past(home.resolve("bin/ggen"), header);
    }

    @Test
    void aRunIsUpToDateOnlyOnceItsFilesAreWrittenAndStamped() throws IOException {
        BindgenStamp stamp = BindgenStamp.of(stamps, zlib("Zlib"), home);
        assertThat(stamp.staleness()).contains("they were never generated with this configuration");

        Map<Path, FileTime> before = stamp.snapshot();
        generate("org/acme/zlib/Zlib.java");

        assertThat(stamp.write(before)).containsExactly(Path.of("org/acme/zlib/Zlib.java"));
        assertThat(stamp.staleness()).isEmpty();
    }

    @Test
    void aChangedHeaderOrDistributionOrADeletedFileMakesItStale() throws IOException {
        BindgenStamp stamp = stamped(zlib("Zlib"), "org/acme/zlib/Zlib.java");

        Files.setLastModifiedTime(header, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(stamp.staleness()).contains(header + " changed");

        past(header);
        stamp = stamped(zlib("Zlib"), "org/acme/zlib/Zlib.java");
        Files.setLastModifiedTime(home.resolve("bin/ggen"), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(stamp.staleness()).contains(home.resolve("bin/ggen") + " changed");

        past(home.resolve("bin/ggen"));
        stamp = stamped(zlib("Zlib"), "org/acme/zlib/Zlib.java");
        Files.delete(out.resolve("org/acme/zlib/Zlib.java"));
        assertThat(stamp.staleness()).contains("org/acme/zlib/Zlib.java is gone");
    }

    @Test
    void anotherConfigurationHasItsOwnStampAndOtherExecutionsFilesAreNotItsOwn() throws IOException {
        BindgenStamp zlib = stamped(zlib("Zlib"), "org/acme/zlib/Zlib.java");
        BindgenStamp renamed = BindgenStamp.of(stamps, zlib("Compression"), home);

        assertThat(renamed.file()).isNotEqualTo(zlib.file());
        assertThat(renamed.staleness()).contains("they were never generated with this configuration");
        Map<Path, FileTime> before = renamed.snapshot();
        generate("org/acme/zlib/Compression.java");
        assertThat(renamed.write(before)).containsExactly(Path.of("org/acme/zlib/Compression.java"));
    }

    @Test
    void aGeneratorThatLeavesAnEqualFileAloneStampsThePackagesJavaFiles() throws IOException {
        generate("org/acme/zlib/Zlib.java", "org/acme/zlib/notes.txt");
        BindgenStamp stamp = BindgenStamp.of(stamps, zlib("Zlib"), home);

        assertThat(stamp.write(stamp.snapshot())).containsExactly(Path.of("org/acme/zlib/Zlib.java"));
        assertThat(stamp.staleness()).isEmpty();
    }

    @Test
    void aSourceWithoutAFileIsAlwaysGenerated() throws IOException {
        BindgenArguments worker = BindgenArguments.of("go", null, null, null, null, null, null, "./worker", null, "org.acme", "W", out);
        BindgenStamp stamp = stamped(worker, "org/acme/W.java");

        assertThat(stamp.staleness()).contains("the source is not a file this plugin can watch");
    }

    private BindgenArguments zlib(String name) {
        return BindgenArguments.of("c", header, "z", List.of(), null, null, null, null, null, "org.acme.zlib", name, out);
    }

    private BindgenStamp stamped(BindgenArguments arguments, String file) throws IOException {
        BindgenStamp stamp = BindgenStamp.of(stamps, arguments, home);
        Map<Path, FileTime> before = stamp.snapshot();
        generate(file);
        stamp.write(before);
        return stamp;
    }

    private void generate(String... files) throws IOException {
        for (String file : files) {
            Path path = out.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "interface " + path.getFileName() + " {}\n");
            Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusMillis(1)));
        }
    }

    /** Inputs written well before any stamp, so that the file system's time granularity cannot tie them. */
    private static void past(Path... files) throws IOException {
        for (Path file : files) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        }
    }
}

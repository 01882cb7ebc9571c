package io.ggen.ffi.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionCacheTest {

    @TempDir
    Path repository;

    @Test
    void theArchiveIsUnpackedNextToItWithItsTopFolderStrippedAndBinGgenExecutable() throws IOException {
        Path archive = archive("ggen-ffi-1.1.0.tar.gz", Map.of("ggen-ffi-1.1.0/bin/ggen", "#!/bin/sh\n",
            "ggen-ffi-1.1.0/conf/ggen.properties", "a=b\n"));

        Path home = DistributionCache.unpacked(archive);

        assertThat(home).isEqualTo(repository.resolve("ggen-ffi-1.1.0"));
        assertThat(home.resolve("bin/ggen")).isExecutable().hasContent("#!/bin/sh");
        assertThat(home.resolve("conf/ggen.properties")).isReadable().hasContent("a=b");
        assertThat(Files.isExecutable(home.resolve("conf/ggen.properties"))).isFalse();
        try (Stream<Path> left = Files.list(repository)) {
            assertThat(left).as("no temporary folder is left").containsExactlyInAnyOrder(archive, home);
        }
    }

    @Test
    void theSameArchiveIsUnpackedOnceAndAnInstalledAgainArchiveAgain() throws IOException {
        Path archive = archive("ggen-ffi-1.1.0-SNAPSHOT.tar.gz", Map.of("ggen-ffi-1.1.0-SNAPSHOT/bin/ggen", "one\n"));
        Path home = DistributionCache.unpacked(archive);
        Files.writeString(home.resolve("bin/ggen"), "edited\n");

        assertThat(DistributionCache.unpacked(archive).resolve("bin/ggen")).hasContent("edited");

        archive("ggen-ffi-1.1.0-SNAPSHOT.tar.gz", Map.of("ggen-ffi-1.1.0-SNAPSHOT/bin/ggen", "two, rebuilt\n"));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(DistributionCache.unpacked(archive).resolve("bin/ggen")).hasContent("two, rebuilt");
    }

    @Test
    void anEntryOutsideTheFolderIsRefused() throws IOException {
        Path archive = archive("evil.tar.gz", Map.of("ggen-ffi/../../outside", "x\n"));

        assertThatIOException().isThrownBy(() -> DistributionCache.unpacked(archive))
            .withMessageContaining("ggen-ffi/../../outside points outside");
        assertThat(repository.getParent().resolve("outside")).doesNotExist();
    }

    @Test
    void anArchiveWithoutBinGgenIsNotADistribution() throws IOException {
        Path archive = archive("other-1.0.tar.gz", Map.of("other-1.0/README", "hi\n"));

        assertThatIOException().isThrownBy(() -> DistributionCache.unpacked(archive))
            .withMessageEndingWith("is not a GGen FFI distribution: it has no bin/ggen");
        assertThat(repository.resolve("other-1.0")).doesNotExist();
    }

    /** A tar.gz as the distribution's assembly writes it: bin/ with mode 0755, the rest 0644. */
    private Path archive(String name, Map<String, String> files) throws IOException {
        Path archive = repository.resolve(name);
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(bytes.length);
                entry.setMode(file.getKey().contains("/bin/") ? 0100755 : 0100644);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}

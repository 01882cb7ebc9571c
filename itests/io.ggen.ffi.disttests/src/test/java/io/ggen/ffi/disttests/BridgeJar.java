package io.ggen.ffi.disttests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The JavaScript bridge jar in the deploy/ folder of a running container: removed, put back and overwritten as
 * a user does with files. New contents are written beside deploy/ first and moved in with one rename, so that
 * FileInstall, which polls every 500 ms, never reads half a jar.
 */
final class BridgeJar {

    static final String REBUILT_ENTRY = "META-INF/rebuilt.txt";

    private final Path deployed;
    private final Path pristine;
    private final Path staging;

    private BridgeJar(Path deployed, Path pristine, Path staging) {
        this.deployed = deployed;
        this.pristine = pristine;
        this.staging = staging;
    }

    /** The bridge jar of {@code home}/deploy; keeps a copy of it in {@code home}/staging. */
    static BridgeJar in(Path home) throws IOException {
        Path deployed = Distribution.jsBridgeJar(home);
        Path staging = Files.createDirectories(home.resolve("staging"));
        Path pristine = Files.copy(deployed, staging.resolve("pristine.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        return new BridgeJar(deployed, pristine, staging);
    }

    boolean isDeployed() {
        return Files.exists(deployed);
    }

    void remove() throws IOException {
        Files.delete(deployed);
    }

    /** Puts the original jar back (with its original modification time). */
    void putBack() throws IOException {
        Path next = staging.resolve("next.jar");
        Files.copy(pristine, next, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        moveIn(next);
    }

    /** Replaces the deployed jar by a copy of the original with one more entry, {@value #REBUILT_ENTRY}: other bytes, same bundle. */
    void overwriteWithRebuilt() throws IOException {
        Path next = staging.resolve("next.jar");
        try (ZipFile original = new ZipFile(pristine.toFile());
             ZipOutputStream rebuilt = new ZipOutputStream(Files.newOutputStream(next))) {
            // Entry by entry in the original order: META-INF/MANIFEST.MF stays first, as OSGi wants it.
            for (Enumeration<? extends ZipEntry> entries = original.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                rebuilt.putNextEntry(copy);
                try (InputStream in = original.getInputStream(entry)) {
                    in.transferTo(rebuilt);
                }
                rebuilt.closeEntry();
            }
            rebuilt.putNextEntry(new ZipEntry(REBUILT_ENTRY));
            rebuilt.write(("rebuilt by " + ContainerIT.class.getSimpleName() + " at " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8));
            rebuilt.closeEntry();
        }
        moveIn(next);
    }

    private void moveIn(Path next) throws IOException {
        Files.move(next, deployed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

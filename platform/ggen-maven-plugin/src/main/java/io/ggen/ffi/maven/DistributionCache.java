package io.ggen.ffi.maven;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A distribution archive ({@code ggen-ffi-VERSION.tar.gz}) unpacked once, into the folder next to it that has
 * its name without {@code .tar.gz}. The folder holds a marker with the archive's size and modification time:
 * an archive installed again (a snapshot rebuilt) is unpacked again. Unpacking goes to a temporary folder that
 * is renamed into place, so that a build never sees half a distribution, and two builds that unpack at the
 * same time both end with a whole one.
 */
final class DistributionCache {

    static final String MARKER = ".ggen-unpacked-from";
    private static final String SUFFIX = ".tar.gz";
    /** The permission bits of a tar entry's mode, owner read first, in the order of {@link PosixFilePermission}. */
    private static final List<PosixFilePermission> PERMISSIONS = List.of(PosixFilePermission.values());

    private DistributionCache() {
    }

    /**
     * The distribution folder of {@code archive} (the one with {@code bin/ggen}), unpacked now unless it already
     * is from this very archive.
     *
     * @throws IOException when the archive cannot be read or unpacked, or has no {@code bin/ggen}
     */
    static Path unpacked(Path archive) throws IOException {
        String name = archive.getFileName().toString();
        Path target = archive.resolveSibling(name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length())
            : name + ".unpacked");
        String stamp = stampOf(archive);
        if (unpackedFrom(target).filter(stamp::equals).isPresent()) {
            return target;
        }
        Path work = Files.createTempDirectory(archive.getParent(), "." + target.getFileName() + "-unpacking-");
        try {
            extract(archive, work);
            Path root = root(work, archive);
            Files.writeString(root.resolve(MARKER), stamp);
            install(root, target, stamp);
            return target;
        } finally {
            deleteTree(work);
        }
    }

    /** {@code tar xzf archive -C folder}, refusing entries and links that would leave {@code folder}. */
    static void extract(Path archive, Path folder) throws IOException {
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(in)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = inside(folder, folder.resolve(entry.getName()), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    inside(folder, path.getParent().resolve(link), entry.getName() + " -> " + entry.getLinkName());
                    Files.createSymbolicLink(path, link);
                    continue;
                }
                if (entry.isLink()) {
                    Path existing = inside(folder, folder.resolve(entry.getLinkName()), entry.getLinkName());
                    Files.copy(existing, path);
                } else {
                    Files.copy(tar, path);
                }
                permissions(path, entry.getMode());
                Files.setLastModifiedTime(path, FileTime.from(entry.getModTime().toInstant()));
            }
        }
    }

    private static Path inside(Path folder, Path path, String entry) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(folder)) {
            throw new IOException("the archive's entry " + entry + " points outside the folder it is unpacked into");
        }
        return normalized;
    }

    private static void permissions(Path path, int mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: bin/ggen is a shell script and will not run there anyway
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < PERMISSIONS.size(); i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(PERMISSIONS.get(i));
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE); // so that a later unpacking can delete it
        view.setPermissions(permissions);
    }

    /** The folder with {@code bin/ggen}: the archive's one top folder ({@code ggen-ffi-VERSION/}) or the root itself. */
    private static Path root(Path work, Path archive) throws IOException {
        if (Files.isRegularFile(work.resolve("bin/ggen"))) {
            return work;
        }
        try (Stream<Path> children = Files.list(work)) {
            List<Path> folders = children.filter(Files::isDirectory).toList();
            if (folders.size() == 1 && Files.isRegularFile(folders.getFirst().resolve("bin/ggen"))) {
                return folders.getFirst();
            }
        }
        throw new IOException(archive + " is not a GGen FFI distribution: it has no bin/ggen");
    }

    /** Moves {@code root} to {@code target}, replacing an older unpacking; another build's equal one may win. */
    private static void install(Path root, Path target, String stamp) throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-old-");
            Files.delete(old);
            try {
                move(target, old);
            } catch (IOException e) {
                // another build moved it away first; what matters is what is in place after the move below
                if (Files.exists(target) && unpackedFrom(target).filter(stamp::equals).isEmpty()) {
                    throw e;
                }
            }
            deleteTree(old);
        }
        try {
            move(root, target);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (unpackedFrom(target).filter(stamp::equals).isEmpty()) {
                throw new IOException("another build put a different distribution into " + target
                    + " at the same time: run the build again", e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static Optional<String> unpackedFrom(Path folder) throws IOException {
        Path marker = folder.resolve(MARKER);
        return Files.isRegularFile(marker) ? Optional.of(Files.readString(marker)) : Optional.empty();
    }

    private static String stampOf(Path archive) throws IOException {
        return Files.size(archive) + " " + Files.getLastModifiedTime(archive).toMillis() + "\n";
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (FileSystemException e) {
                    throw new IOException("cannot delete " + path + " (" + e.getReason() + ")", e);
                }
            }
        }
    }
}

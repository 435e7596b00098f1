package org.phrhub.gateway.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Optional;

/**
 * The one way the gateway replaces a state file: so that a crash at any moment, even {@code kill -9} or a power
 * loss, leaves either the complete old file or the complete new one, never an empty or half-written one.
 *
 * <p>The bytes go to a temporary file next to the target (same folder, so the rename cannot cross file
 * systems), are forced to disk, the temporary file is renamed over the target atomically, and the folder is
 * forced so that the rename itself survives a power loss. Forcing the contents before the rename matters: file
 * systems may otherwise commit the rename before the data, and a power loss then leaves an empty target.
 *
 * <p>A crash before the rename leaves a temporary file ({@code <name>.tmp}) behind. It was never the file's
 * content, so {@link #read} never looks at it; the next write to the same target overwrites it, and
 * {@link #removeLeftovers} deletes those of a whole folder.
 */
public final class DurableFiles {

    /** The moments within a write; a test can stop a writing process at one of them to prove the claim above. */
    enum Step {
        TEMPORARY_WRITTEN,
        TEMPORARY_FORCED,
        RENAMED,
        FOLDER_FORCED
    }

    /** Told each step as it completes; production code tells nobody. */
    @FunctionalInterface
    interface StepObserver {
        void reached(Step step) throws IOException;
    }

    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final StepObserver steps;

    public DurableFiles() {
        this(step -> {});
    }

    DurableFiles(StepObserver steps) {
        this.steps = steps;
    }

    /**
     * Replaces {@code target} with {@code bytes} durably; its folder must exist. Throws
     * {@link java.nio.file.AtomicMoveNotSupportedException} when the folder's file system cannot rename
     * atomically, so that callers can say which folder to move.
     */
    public void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = temporaryOf(target);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            steps.reached(Step.TEMPORARY_WRITTEN);
            channel.force(true);
        }
        steps.reached(Step.TEMPORARY_FORCED);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        steps.reached(Step.RENAMED);
        forceFolder(folderOf(target));
        steps.reached(Step.FOLDER_FORCED);
    }

    /** The target's complete content, or empty when it was never written; a leftover temporary file is not read. */
    public Optional<byte[]> read(Path target) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Deletes the files (those already gone are fine) and forces their folder, so that they stay gone after a power loss. */
    public void deleteAll(Path folder, Collection<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        forceFolder(folder);
    }

    /** Deletes the leftovers of interrupted writes in the folder. */
    public void removeLeftovers(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + TEMPORARY_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    static Path temporaryOf(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
    }

    private static Path folderOf(Path target) {
        return target.toAbsolutePath().getParent();
    }

    /** Makes renames and deletions in the folder durable too, not only the files' contents. */
    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

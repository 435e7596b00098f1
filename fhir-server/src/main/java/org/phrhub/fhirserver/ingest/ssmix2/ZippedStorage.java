package org.phrhub.fhirserver.ingest.ssmix2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An SS-MIX2 storage tree sent as a zip ({@code org.phrhub.client.upload.StorageZip} packs one), read where it
 * lies: the archive is kept as one file and its entries are read from it as a file system of their own, rather
 * than unpacked into thousands of files (creating them took half of importing an unchanged storage again). It
 * refuses entries that would lie outside the archive and archives larger than the configured limits. The zip
 * holds the storage root's folders ({@code 000/…}), or one folder that holds them.
 */
public final class ZippedStorage {

    /** What a zip's own bookkeeping may add per file beyond the files' bytes. */
    private static final long ARCHIVE_BYTES_PER_FILE = 1024;

    private final long maxBytes;
    private final int maxFiles;

    public ZippedStorage(long maxBytes, int maxFiles) {
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /** An archive opened for reading: the storage root inside it, readable until closed. */
    public record OpenedStorage(Path root, FileSystem archive) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            archive.close();
        }
    }

    /** Keeps the zip as a file in {@code folder}, checks it, and opens it; the caller closes it before the folder. */
    public OpenedStorage open(InputStream zip, Path folder) throws IOException {
        Path file = folder.resolve("storage.zip");
        keep(zip, file);
        Set<String> topLevel = check(file);
        FileSystem archive = FileSystems.newFileSystem(file);
        Path base = archive.getPath("/");
        // One top folder that is not itself a storage folder (those have three characters): the storage root.
        if (topLevel.size() == 1) {
            String only = topLevel.iterator().next();
            if (only.length() != 3 && Files.isDirectory(base.resolve(only))) {
                return new OpenedStorage(base.resolve(only), archive);
            }
        }
        return new OpenedStorage(base, archive);
    }

    private void keep(InputStream zip, Path file) throws IOException {
        long limit = maxBytes + maxFiles * ARCHIVE_BYTES_PER_FILE;
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[65536];
            int read;
            while ((read = zip.read(buffer)) > 0) {
                bytes += read;
                if (bytes > limit) {
                    throw new ZipException("the archive is larger than " + limit + " bytes; split the load");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** Reads the archive through once: entry names, the number of files and what they unpack to. */
    private Set<String> check(Path file) throws IOException {
        long bytes = 0;
        int files = 0;
        Set<String> topLevel = new HashSet<>();
        Path inside = Path.of("/archive");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            byte[] buffer = new byte[65536];
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || !inside.resolve(name).normalize().startsWith(inside)) {
                    throw new ZipException("entry '" + name + "' points outside the archive");
                }
                topLevel.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
                if (entry.isDirectory()) {
                    continue;
                }
                if (++files > maxFiles) {
                    throw new ZipException("the archive holds more than " + maxFiles + " files; split the load");
                }
                int read;
                while ((read = in.read(buffer)) > 0) {
                    bytes += read;
                    if (bytes > maxBytes) {
                        throw new ZipException("the archive unpacks to more than " + maxBytes + " bytes; split the load");
                    }
                }
            }
        }
        if (files == 0) {
            throw new ZipException("the body is not a zip archive of an SS-MIX2 storage tree, or the archive is empty");
        }
        return topLevel;
    }
}

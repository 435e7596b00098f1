package org.phrhub.fhirserver.ingest.ssmix2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An SS-MIX2 storage tree sent as a zip ({@code org.phrhub.client.upload.StorageZip} packs one): unpacked into a folder of its own, refusing entries that would
 * land outside it and archives larger than the configured limits. The zip holds the storage root's
 * folders ({@code 000/…}), or one folder that holds them.
 */
public final class ZippedStorage {

    private final long maxBytes;
    private final int maxFiles;

    public ZippedStorage(long maxBytes, int maxFiles) {
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /** Unpacks into {@code folder} and returns the storage root inside it. */
    public Path unpack(InputStream zip, Path folder) throws IOException {
        long bytes = 0;
        int files = 0;
        Set<String> topLevel = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.startsWith(folder) || entry.getName().startsWith("/")) {
                    throw new ZipException("entry '" + entry.getName() + "' points outside the archive");
                }
                String name = entry.getName();
                topLevel.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (++files > maxFiles) {
                    throw new ZipException("the archive holds more than " + maxFiles + " files; split the load");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[8192];
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        bytes += read;
                        if (bytes > maxBytes) {
                            throw new ZipException("the archive unpacks to more than " + maxBytes + " bytes; split the load");
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
        }
        if (files == 0) {
            throw new ZipException("the body is not a zip archive of an SS-MIX2 storage tree, or the archive is empty");
        }
        // One top folder that is not itself a storage folder (those have three characters): the storage root.
        if (topLevel.size() == 1) {
            String only = topLevel.iterator().next();
            if (only.length() != 3 && Files.isDirectory(folder.resolve(only))) {
                return folder.resolve(only);
            }
        }
        return folder;
    }
}

package org.phrhub.ingest.ssmix2.storage;

import java.nio.file.Path;

/**
 * One file found in a storage tree whose name and place agree.
 *
 * @param path where it is
 * @param relativePath its path below the storage root, with {@code /} separators, as reports name it
 */
public record StorageFile(Path path, String relativePath, StorageFileName name) {}

package org.phrhub.ingest.ssmix2.storage;

import java.nio.file.Path;

/**
 * One file found in a storage tree whose name and place agree: a standardized-storage file, or the HL7 main
 * document of an extended-storage document folder.
 *
 * @param path where it is
 * @param relativePath its path below the storage root, with {@code /} separators, as reports name it
 * @param name the file's name, or for an extended-storage document its folder's name
 */
public record StorageFile(Path path, String relativePath, StorageFileName name) {}

package org.phrhub.fhirserver.ingest.ssmix2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.ingest.ssmix2.storage.StorageTree;

class ZippedStorageTest {

    private static final String FILE = "000/000/0000001/20000401/OMP-11/0000001_20000401_OMP-11_123456789012345_20110701113813225_01_1";

    @TempDir
    Path folder;

    private final ZippedStorage zips = new ZippedStorage(1_000_000, 10);

    @Test
    void aStorageTreeIsReadFromTheArchiveAsItLiesWithoutAFileUnpackedBesideIt() throws IOException {
        try (ZippedStorage.OpenedStorage storage = zips.open(zip(Map.of(FILE, "MSH|^~\\&|"), false), folder)) {
            List<StorageTree.Entry> entries = new StorageTree(storage.root()).entries();
            assertThat(entries).singleElement().isInstanceOf(StorageTree.Placed.class)
                    .extracting(StorageTree.Entry::relativePath).isEqualTo(FILE);
            StorageTree.Placed placed = (StorageTree.Placed) entries.getFirst();
            assertThat(new String(Files.readAllBytes(placed.file().path()), StandardCharsets.UTF_8)).isEqualTo("MSH|^~\\&|");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("storage.zip");
        }
    }

    @Test
    void aTreeInsideOneTopFolderIsReadFromThatFolder() throws IOException {
        try (ZippedStorage.OpenedStorage storage = zips.open(zip(Map.of("hospital-a/" + FILE, "MSH|"), false), folder)) {
            assertThat(new StorageTree(storage.root()).entries()).singleElement()
                    .extracting(StorageTree.Entry::relativePath).isEqualTo(FILE);
        }
    }

    @Test
    void anEntryThatWouldLieOutsideTheArchiveIsRefused() {
        assertThatThrownBy(() -> zips.open(zip(Map.of("000/../../etc/passwd", "x"), false), folder))
                .isInstanceOf(ZipException.class).hasMessageContaining("points outside the archive");
        assertThatThrownBy(() -> zips.open(zip(Map.of("/000/x", "x"), false), folder))
                .isInstanceOf(ZipException.class).hasMessageContaining("points outside the archive");
    }

    @Test
    void tooManyFilesAndTooManyBytesAreRefusedWithWhatToDo() {
        Map<String, String> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("000/000/000000" + i + "/f", "x");
        }
        assertThatThrownBy(() -> zips.open(zip(eleven, false), folder))
                .isInstanceOf(ZipException.class).hasMessageContaining("more than 10 files; split the load");
        // A few kilobytes that unpack to two megabytes.
        assertThatThrownBy(() -> zips.open(zip(Map.of(FILE, "0".repeat(2_000_000)), false), folder))
                .isInstanceOf(ZipException.class).hasMessageContaining("unpacks to more than 1000000 bytes; split the load");
    }

    @Test
    void aBodyThatIsNoZipOrAnEmptyOneIsRefused() {
        assertThatThrownBy(() -> zips.open(new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8)), folder))
                .isInstanceOf(ZipException.class).hasMessageContaining("not a zip archive");
        assertThatThrownBy(() -> zips.open(zip(Map.of(), true), folder))
                .isInstanceOf(ZipException.class).hasMessageContaining("not a zip archive");
    }

    private static ByteArrayInputStream zip(Map<String, String> files, boolean withFolderOnly) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            if (withFolderOnly) {
                out.putNextEntry(new ZipEntry("000/"));
                out.closeEntry();
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}

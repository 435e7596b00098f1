package org.phrhub.ingest.ssmix2.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.ingest.ssmix2.SampleStorage;

/** The SS-MIX2 storage layout, checked on the real sample storage and its quirks. */
class StorageTreeTest {

    @TempDir
    Path work;

    @Test
    void fileNameCarriesPatientDateTypeOrderOccurrenceDepartmentAndDeletedFlag() throws StorageLayoutException {
        StorageFileName name = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110701224603984_01_1");

        assertThat(name.patientId()).isEqualTo("9999013");
        assertThat(name.date()).contains(LocalDate.of(2011, 7, 1));
        assertThat(name.dataType()).isEqualTo("OMP-01");
        assertThat(name.orderNumber()).isEqualTo("000000011000185");
        assertThat(name.occurrence()).isEqualTo(LocalDateTime.of(2011, 7, 1, 22, 46, 3, 984_000_000));
        assertThat(name.department()).contains("01");
        assertThat(name.deleted()).isFalse();
        assertThat(StorageFileName.parse("9999013_-_ADT-00_999999999999999_20111220224447339_-_0").deleted()).isTrue();
    }

    @Test
    void namesOutsideTheRuleAreRefusedWithTheRule() {
        assertThatThrownBy(() -> StorageFileName.parse("notes.txt"))
                .isInstanceOf(StorageLayoutException.class).hasMessageContaining("does not follow the SS-MIX2 rule");
        assertThatThrownBy(() -> StorageFileName.parse("9999013_20111332_OMP-01_1_20110701224603984_01_1"))
                .isInstanceOf(StorageLayoutException.class).hasMessageContaining("impossible date");
        assertThatThrownBy(() -> StorageFileName.parse("9999013_20110701_OMP-01_1_20110701224603984_01_2"))
                .isInstanceOf(StorageLayoutException.class);
    }

    @Test
    void newerOccurrenceOfAnOrderSharesItsRecordKey() throws StorageLayoutException {
        StorageFileName older = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110701224603984_01_1");
        StorageFileName newer = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110702090000000_01_0");
        StorageFileName otherOrder = StorageFileName.parse("9999013_20110701_OMP-01_000000011000186_20110701224603984_01_1");

        assertThat(newer.recordKey()).isEqualTo(older.recordKey());
        assertThat(otherOrder.recordKey()).isNotEqualTo(older.recordKey());
    }

    @Test
    void sampleStorageListsEveryFileAndRefusesTheMisplacedOne() throws IOException {
        List<StorageTree.Entry> entries = new StorageTree(SampleStorage.root()).entries();

        assertThat(entries).hasSize(22);
        List<StorageTree.Misplaced> misplaced = entries.stream()
                .filter(StorageTree.Misplaced.class::isInstance).map(StorageTree.Misplaced.class::cast).toList();
        // The real quirk: an ADT-31 folder of patient 0000001 holds a 2-byte file named as patient 9999013's OMP-11.
        assertThat(misplaced).singleElement().satisfies(entry -> {
            assertThat(entry.relativePath()).startsWith("000/000/0000001/20000401/ADT-31/");
            assertThat(entry.reason()).contains("patient 9999013 in the name, folder 0000001", "date 20110630 in the name",
                    "data type OMP-11 in the name, folder ADT-31");
        });
        assertThat(entries).filteredOn(StorageTree.Placed.class::isInstance)
                .extracting(StorageTree.Entry::relativePath)
                .contains("999/901/9999013/-/ADT-00/9999013_-_ADT-00_999999999999999_20111220224447339_-_1");
    }

    @Test
    void filesAtTheWrongDepthAreRefusedAndHiddenFilesIgnored() throws IOException {
        Files.writeString(work.resolve("README"), "not storage");
        Files.createDirectories(work.resolve("999/901"));
        Files.writeString(work.resolve("999/901/.DS_Store"), "");

        List<StorageTree.Entry> entries = new StorageTree(work).entries();

        assertThat(entries).singleElement().isInstanceOfSatisfying(StorageTree.Misplaced.class,
                entry -> assertThat(entry.reason()).contains("aaa/bbb/patientId/date/dataType/file", "depth 1"));
    }

    @Test
    void aRootThatIsNoFolderIsRefused() {
        assertThatThrownBy(() -> new StorageTree(work.resolve("missing")).entries())
                .isInstanceOf(IOException.class).hasMessageContaining("is not a folder");
    }
}

package org.phrhub.ingest.ssmix2.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.ingest.ssmix2.SampleStorage;

/**
 * The SS-MIX2 storage layouts, checked on the real sample storage and its quirks, and on names and trees
 * shaped like the published standardized- and extended-storage samples.
 */
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
    void fifteenDigitStampOfOlderStoragesReadsAsTenthsOfASecond() throws StorageLayoutException {
        // Shaped like the published standardized-storage sample, whose system cut MSH-7 after the tenths.
        StorageFileName name = StorageFileName.parse("0123456789_20080126_OML-11_081251234567800_200802031630123_01_1");

        assertThat(name.occurrence()).isEqualTo(LocalDateTime.of(2008, 2, 3, 16, 30, 12, 300_000_000));
        assertThat(name.patientId()).isEqualTo("0123456789");
        assertThat(name.orderNumber()).isEqualTo("081251234567800");
        assertThat(name.department()).contains("01");
        assertThat(StorageFileName.parse("0123456789_20080126_OML-11_1_20080203163012_01_1").occurrence())
                .isEqualTo(LocalDateTime.of(2008, 2, 3, 16, 30, 12));
        assertThat(StorageFileName.parse("0123456789_20080126_OML-11_1_2008020316301234_01_1").occurrence())
                .isEqualTo(LocalDateTime.of(2008, 2, 3, 16, 30, 12, 340_000_000));
    }

    @Test
    void stampsOfDifferentLengthsOrderAsTheInstantsTheyName() throws StorageLayoutException {
        StorageFileName tenths = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_201107012246040_01_1");
        StorageFileName millis = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110701224603984_01_1");
        StorageFileName sameAsTenths = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110701224604000_01_1");

        // As numbers the 15 digits would be the smaller; as times 22:46:04.0 comes after 22:46:03.984.
        assertThat(tenths.occurrence()).isAfter(millis.occurrence());
        assertThat(tenths.occurrence()).isEqualTo(sameAsTenths.occurrence());
        assertThat(tenths.recordKey()).isEqualTo(millis.recordKey());
    }

    @Test
    void stampThatNamesNoTimeIsRefusedSayingWhy() {
        assertThatThrownBy(() -> StorageFileName.parse("9999013_20110701_OMP-01_1_2011070122460_01_1"))
                .isInstanceOf(StorageLayoutException.class)
                .hasMessageContaining("occurrence stamp 2011070122460 of 13 digits", "14 to 17 digits");
        assertThatThrownBy(() -> StorageFileName.parse("9999013_20110701_OMP-01_1_201107012246039841_01_1"))
                .isInstanceOf(StorageLayoutException.class).hasMessageContaining("of 18 digits");
        assertThatThrownBy(() -> StorageFileName.parse("9999013_20110701_OMP-01_1_201102301200001_01_1"))
                .isInstanceOf(StorageLayoutException.class).hasMessageContaining("impossible date or time stamp");
    }

    @Test
    void nameWithoutDepartmentReadsAsOneWithoutDepartment() throws StorageLayoutException {
        StorageFileName name = StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110701224603984_1");

        assertThat(name.department()).isEmpty();
        assertThat(name.deleted()).isFalse();
        assertThat(name.recordKey()).isEqualTo(
                StorageFileName.parse("9999013_20110701_OMP-01_000000011000185_20110702090000000_-_1").recordKey());
    }

    @Test
    void extendedStorageDocumentFolderNamesACodedDataType() throws StorageLayoutException {
        StorageFileName name = StorageFileName.parseDocumentFolder(
                "0123456789_20160101_L-OBSERVATIONS^OBSERVATIONS^99ZL01_000002016010115_201601011500321_1");

        assertThat(name.dataType()).isEqualTo("L-OBSERVATIONS^OBSERVATIONS^99ZL01");
        assertThat(name.orderNumber()).isEqualTo("000002016010115");
        assertThat(name.occurrence()).isEqualTo(LocalDateTime.of(2016, 1, 1, 15, 0, 32, 100_000_000));
        assertThat(name.department()).isEmpty();
        assertThat(StorageFileName.parseDocumentFolder("0123456789_20160101_^退院時サマリー^^18842-5^退院時サマリー^LN_"
                + "000000020160101_20160101150032100_01_1").dataType()).isEqualTo("^退院時サマリー^^18842-5^退院時サマリー^LN");
        assertThatThrownBy(() -> StorageFileName.parse(
                "0123456789_20160101_L-OBSERVATIONS^OBSERVATIONS^99ZL01_000002016010115_201601011500321_1"))
                .as("a standardized-storage file has a standard data type").isInstanceOf(StorageLayoutException.class);
    }

    @Test
    void extendedStorageIsReadOneFolderDeeperWithItsHl7MainDocumentPlacedAndOtherFilesSkipped() throws IOException {
        String vitals = "999/901/9999013/20111221/L-OBSERVATIONS^OBSERVATIONS^99ZL01/"
                + "9999013_20111221_L-OBSERVATIONS^OBSERVATIONS^99ZL01_000002011122108_201112210830123_1/main_document.hl7";
        String summaryFolder = "999/901/9999013/20111221/^退院時サマリー^^18842-5^退院時サマリー^LN/"
                + "9999013_20111221_^退院時サマリー^^18842-5^退院時サマリー^LN_000000020111221_20111221170000000_01_1/";
        write(vitals, "MSH|");
        write(summaryFolder + "main_document.xml", "<ClinicalDocument/>");
        write(summaryFolder + "figure1.png", "png");
        write("999/901/9999013/20111221/ORU-01/9999013_20111221_ORU-01_000000011000400_201112211500001_01_1", "MSH|");

        List<StorageTree.Entry> entries = new StorageTree(work).entries();

        assertThat(entries).hasSize(4);
        assertThat(entry(entries, vitals)).isInstanceOfSatisfying(StorageTree.Placed.class, placed -> {
            assertThat(placed.file().name().dataType()).isEqualTo("L-OBSERVATIONS^OBSERVATIONS^99ZL01");
            assertThat(placed.file().name().recordKey())
                    .isEqualTo("9999013_20111221_L-OBSERVATIONS^OBSERVATIONS^99ZL01_000002011122108_-");
            assertThat(placed.file().name().occurrence()).isEqualTo(LocalDateTime.of(2011, 12, 21, 8, 30, 12, 300_000_000));
        });
        assertThat(entry(entries, summaryFolder + "main_document.xml")).isInstanceOfSatisfying(StorageTree.Skipped.class,
                skipped -> assertThat(skipped.reason()).contains("main_document.xml", "not imported", "HL7 CDA"));
        assertThat(entry(entries, summaryFolder + "figure1.png")).isInstanceOfSatisfying(StorageTree.Skipped.class,
                skipped -> assertThat(skipped.reason()).contains("figure1.png", "attachment", "main_document.hl7"));
        assertThat(entries).filteredOn(StorageTree.Placed.class::isInstance).hasSize(2);
    }

    @Test
    void extendedStorageDocumentFolderThatCannotBeReadOrDisagreesIsRefused() throws IOException {
        String badStamp = "999/901/9999013/20111221/L-OBSERVATIONS^OBSERVATIONS^99ZL01/"
                + "9999013_20111221_L-OBSERVATIONS^OBSERVATIONS^99ZL01_000002011122108_2011122108_1/main_document.hl7";
        String wrongDate = "999/901/9999013/20111221/L-OBSERVATIONS^OBSERVATIONS^99ZL01/"
                + "9999013_20111222_L-OBSERVATIONS^OBSERVATIONS^99ZL01_000002011122208_201112220830123_1/main_document.hl7";
        String noRule = "999/901/9999013/20111221/L-OBSERVATIONS^OBSERVATIONS^99ZL01/vital signs/main_document.hl7";
        write(badStamp, "MSH|");
        write(wrongDate, "MSH|");
        write(noRule, "MSH|");

        List<StorageTree.Entry> entries = new StorageTree(work).entries();

        assertThat(entries).allSatisfy(entry -> assertThat(entry).isInstanceOf(StorageTree.Misplaced.class));
        assertThat(((StorageTree.Misplaced) entry(entries, badStamp)).reason())
                .contains("extended storage", "occurrence stamp 2011122108 of 10 digits");
        assertThat(((StorageTree.Misplaced) entry(entries, wrongDate)).reason())
                .contains("document folder name and folders disagree", "date 20111222 in the name, folder 20111221");
        assertThat(((StorageTree.Misplaced) entry(entries, noRule)).reason())
                .contains("document folder name 'vital signs' does not follow the SS-MIX2 rule");
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = work.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static StorageTree.Entry entry(List<StorageTree.Entry> entries, String relativePath) {
        return entries.stream().filter(entry -> Objects.equals(entry.relativePath(), relativePath)).findFirst().orElseThrow();
    }

    @Test
    void aRootThatIsNoFolderIsRefused() {
        assertThatThrownBy(() -> new StorageTree(work.resolve("missing")).entries())
                .isInstanceOf(IOException.class).hasMessageContaining("is not a folder");
    }
}

package org.phrhub.synthetic.ssmix2;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.ingest.ssmix2.map.DataTypeMapper;
import org.phrhub.ingest.ssmix2.map.MappingContext;
import org.phrhub.ingest.ssmix2.map.Ssmix2Mappers;
import org.phrhub.ingest.ssmix2.storage.StorageFile;
import org.phrhub.ingest.ssmix2.storage.StorageTree;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Visit;

/** A generated storage tree for 20 residents: placed, readable, mappable, and the same for the same seed. */
class SyntheticStorageTest {

    static final String INSTITUTION = "1319999999";
    static final int RESIDENTS = 20;
    static final int VISITS = 4;
    static final SyntheticHistory PLAN = SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), VISITS, 42);
    static final List<SyntheticResident> POPULATION = SyntheticResident.residents(RESIDENTS, 7);

    @TempDir
    static Path root;
    private static List<Path> written;

    @BeforeAll
    static void write() throws IOException {
        written = SyntheticStorage.write(root, POPULATION, PLAN);
    }

    @Test
    void everyFileIsPlacedWhereItsNameSays() throws IOException {
        List<StorageTree.Entry> entries = new StorageTree(root).entries();

        assertThat(entries).filteredOn(entry -> entry instanceof StorageTree.Misplaced).isEmpty();
        assertThat(entries).hasSize(RESIDENTS * (3 + 3 * VISITS)).hasSameSizeAs(written);
        assertThat(entries).map(entry -> ((StorageTree.Placed) entry).file().name())
                .allSatisfy(name -> {
                    assertThat(name.deleted()).isFalse();
                    assertThat(name.date().isPresent()).isEqualTo(Set.of("OMP-01", "OML-11", "ORU-01").contains(name.dataType()));
                });
    }

    @Test
    void everyFileReadsAndMapsToTheResourcesGenerated() throws Exception {
        Map<String, ResidentHistory> histories = new HashMap<>();
        PLAN.of(POPULATION).forEach(history -> histories.put(history.resident().patientNumber(), history));
        Ssmix2MessageReader reader = new Ssmix2MessageReader();
        Ssmix2Mappers mappers = Ssmix2Mappers.standard();
        Map<String, Integer> resourcesPerType = new TreeMap<>();
        Map<String, Integer> expectedPerType = new TreeMap<>();
        Set<String> orderNumbers = new HashSet<>();

        for (StorageTree.Entry entry : new StorageTree(root).entries()) {
            StorageFile file = ((StorageTree.Placed) entry).file();
            byte[] bytes = Files.readAllBytes(file.path());
            String text = Ssmix2MessageReader.decode(bytes);
            assertThat(text.split("\r")[0]).as(file.relativePath())
                    .endsWith("|P|2.5||||||~ISO IR87||ISO2022-1994|SS-MIX2_1.20^SS-MIX2^1.2.392.200250.2.1.100.1.2.120^ISO");
            Message message = reader.read(bytes);
            String patientFolder = file.path().getParent().getParent().getParent().getFileName().toString();
            assertThat(new MessageFields(message).get("PID-3")).as(file.relativePath()).contains(patientFolder);
            assertThat(MessageFields.get(new MessageFields(message).all("PID").getFirst(), 3, 0, 5, 1)).contains("PI");

            String dataType = file.name().dataType();
            DataTypeMapper mapper = mappers.forDataType(dataType).orElseThrow();
            List<Resource> resources = mapper.map(message,
                    new MappingContext(INSTITUTION, file.name(), new Reference("Patient/" + patientFolder)));
            resourcesPerType.merge(dataType, resources.size(), Integer::sum);

            ResidentHistory history = histories.get(patientFolder);
            int expected = switch (dataType) {
                case "ADT-00", "PPR-01" -> 1;
                case "ADT-61" -> history.allergies().allergies().size();
                case "OMP-01" -> visit(history, file).prescription().drugs().size();
                case "OML-11" -> visit(history, file).labPanel().results().size() + 1;
                case "ORU-01" -> 5;
                default -> throw new AssertionError("unexpected data type " + dataType);
            };
            assertThat(resources).as(file.relativePath()).hasSize(expected);
            expectedPerType.merge(dataType, expected, Integer::sum);
            if (!file.name().orderNumber().equals(SyntheticStorage.NO_ORDER)) {
                assertThat(orderNumbers.add(file.name().orderNumber())).as("order number of %s is unique", file.relativePath())
                        .isTrue();
            }
        }
        assertThat(resourcesPerType).isEqualTo(expectedPerType);
        assertThat(resourcesPerType.keySet()).containsExactly("ADT-00", "ADT-61", "OML-11", "OMP-01", "ORU-01", "PPR-01");
        assertThat(resourcesPerType.get("ORU-01")).isEqualTo(RESIDENTS * VISITS * 5);
    }

    @Test
    void oneResidentsMappedResourcesAreValidR4() throws Exception {
        Ssmix2MessageReader reader = new Ssmix2MessageReader();
        String patient = POPULATION.getFirst().patientNumber();
        List<Resource> resources = new ArrayList<>();
        for (StorageTree.Entry entry : new StorageTree(root).entries()) {
            StorageFile file = ((StorageTree.Placed) entry).file();
            if (file.name().patientId().equals(patient)) {
                resources.addAll(Ssmix2Mappers.standard().forDataType(file.name().dataType()).orElseThrow()
                        .map(reader.read(Files.readAllBytes(file.path())),
                                new MappingContext(INSTITUTION, file.name(), new Reference("Patient/" + patient))));
            }
        }

        assertThat(resources).hasSizeGreaterThan(3 + 3 * VISITS);
        R4Validation.assertValid(resources);
    }

    private static Visit visit(ResidentHistory history, StorageFile file) {
        LocalDate date = file.name().date().orElseThrow();
        return history.visits().stream().filter(visit -> visit.date().equals(date)).findFirst().orElseThrow();
    }

    @Test
    void theSameSeedWritesByteIdenticalFilesAnotherSeedOthers(@TempDir Path again, @TempDir Path other) throws IOException {
        SyntheticStorage.write(again, SyntheticResident.residents(RESIDENTS, 7), SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), VISITS, 42));
        SyntheticStorage.write(other, POPULATION, SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), VISITS, 43));

        Map<String, byte[]> first = contents(root);
        Map<String, byte[]> second = contents(again);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((path, bytes) -> assertThat(second.get(path)).as(path).isEqualTo(bytes));
        assertThat(contents(other).keySet()).isNotEqualTo(first.keySet());
    }

    @Test
    void residentsAreDistinctAndTheSameForTheSameSeed() {
        List<SyntheticResident> residents = SyntheticResident.residents(200, 1);

        assertThat(residents).hasSize(200).isEqualTo(SyntheticResident.residents(200, 1));
        assertThat(residents).extracting(SyntheticResident::patientNumber).doesNotHaveDuplicates();
        assertThat(residents).extracting(r -> r.familyKana() + r.givenKana() + r.birthDate()).doesNotHaveDuplicates();
        assertThat(residents).isNotEqualTo(SyntheticResident.residents(200, 2));
    }

    @Test
    void filesFollowTheSampleStructure() {
        ResidentHistory history = PLAN.of(POPULATION).getFirst();
        SyntheticResident resident = history.resident();
        List<SyntheticStorage.SyntheticFile> files = SyntheticStorage.files(history);
        String pid = "PID|0001||" + resident.patientNumber() + "^^^^PI||" + resident.familyKanji() + "^" + resident.givenKanji()
                + "^^^^^L^I~" + resident.familyKana() + "^" + resident.givenKana() + "^^^^^L^P||";

        assertThat(files).extracting(SyntheticStorage.SyntheticFile::dataType).startsWith("ADT-00", "ADT-61", "PPR-01", "OMP-01",
                "OML-11", "ORU-01");
        assertThat(files).allSatisfy(file -> {
            assertThat(file.text()).contains("\r" + pid).doesNotContain("\n").endsWith("\r");
            assertThat(file.relativePath()).startsWith(resident.patientNumber().substring(0, 3) + "/"
                    + resident.patientNumber().substring(3, 6) + "/" + resident.patientNumber() + "/");
        });
        assertThat(segments(files.get(1))).filteredOn(s -> s.startsWith("IAM|")).hasSize(history.allergies().allergies().size());
        assertThat(segments(files.get(2))).filteredOn(s -> s.startsWith("PRB|") || s.startsWith("ZPR|")).hasSize(2);
        assertThat(segments(files.get(3))).filteredOn(s -> s.startsWith("TQ1|")).allSatisfy(s -> assertThat(s).contains("&JAMISDP01|"));
        assertThat(segments(files.get(4))).filteredOn(s -> s.startsWith("OBX|")).hasSizeBetween(3, 5)
                .allSatisfy(s -> assertThat(s).matches("OBX\\|\\d\\|NM\\|\\d[0-9A-Z]{16}\\^.*"));
        assertThat(segments(files.get(5))).filteredOn(s -> s.startsWith("OBX|")).hasSize(6);
        assertThat(files.get(0).bytes()).startsWith("MSH|".getBytes());
    }

    private static List<String> segments(SyntheticStorage.SyntheticFile file) {
        return List.of(file.text().split("\r"));
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
        }
        return contents;
    }
}

package org.phrhub.fhirserver.demo;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.phrhub.fhirserver.identity.ResidentDirectory;
import org.phrhub.fhirserver.ingest.ImportReport;
import org.phrhub.fhirserver.ingest.TemporaryFolder;
import org.phrhub.fhirserver.ingest.ssmix2.Ssmix2Import;
import org.phrhub.synthetic.ssmix2.SyntheticHistory;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.phrhub.synthetic.ssmix2.SyntheticStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A small hospital history for the demo residents: Wakamatsu General Hospital (institution code
 * 0711234567, made up) enrols hanako and taro under its own patient numbers and its SS-MIX2 storage of
 * six monthly visits from June 2026 (prescriptions, lab results, vital signs, a diagnosis, allergies) is imported
 * the way any hospital's is. The storage is generated the same way every time, so a restart changes
 * nothing.
 */
@Component
@Order(DemoDataSeeder.ORDER + 1)
@ConditionalOnProperty(name = "phrhub.demo.seed", havingValue = "true")
public class DemoHospitalRecords implements ApplicationRunner {

    static final String INSTITUTION = "0711234567";
    private static final long SEED = 20260401L;
    /** Fixed, not relative to today: the same storage on every start, so a restart imports nothing new. */
    private static final LocalDate FIRST_VISIT = LocalDate.of(2026, 6, 1);

    private static final Logger log = LoggerFactory.getLogger(DemoHospitalRecords.class);

    private final ResidentDirectory residents;
    private final Ssmix2Import ssmix2;

    public DemoHospitalRecords(ResidentDirectory residents, Ssmix2Import ssmix2) {
        this.residents = residents;
        this.ssmix2 = ssmix2;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        // The hospital's view of the realm's demo residents (see the demo seed bundle): same names, birth dates.
        SyntheticResident hanako = new SyntheticResident("00012345", "山田", "花子", "ヤマダ", "ハナコ",
                LocalDate.of(1958, 4, 12), SyntheticResident.Gender.FEMALE, "965-0873", "福島県会津若松市追手町１−１");
        SyntheticResident taro = new SyntheticResident("00067890", "佐藤", "太郎", "サトウ", "タロウ",
                LocalDate.of(1950, 11, 3), SyntheticResident.Gender.MALE, "965-0042", "福島県会津若松市大町２−２");
        residents.enrol("C0000000001", INSTITUTION, hanako.patientNumber());
        residents.enrol("C0000000002", INSTITUTION, taro.patientNumber());

        try (TemporaryFolder storage = TemporaryFolder.create("demo-ssmix2-")) {
            SyntheticStorage.write(storage.path(), List.of(hanako, taro), SyntheticHistory.monthly(FIRST_VISIT, 6, SEED));
            ImportReport report = ssmix2.importTree(storage.path(), INSTITUTION);
            int[] totals = report.totals();
            log.info("Demo hospital records of hanako and taro imported from SS-MIX2: {} files, {} resources created, "
                    + "{} updated, {} unchanged", report.files().size(), totals[0], totals[1], totals[2]);
            report.files().stream().filter(file -> file.status() == ImportReport.Status.ERROR)
                    .forEach(file -> log.warn("Demo hospital record {} was refused: {}", file.file(), file.reason()));
        }
    }
}

package org.phrhub.fhirserver.identity;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.ingest.ssmix2.map.SourcePatient;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hospital patients whose number is enrolled on no resident yet. Their data waits (the import reports it
 * held); an administrator enrols the number on the right resident, helped by the suggested matches (same
 * kana name, birth date and gender). Kept in a table of its own, not as FHIR resources, because names and
 * birth dates of people the hub cannot yet attribute must not be searchable by anyone. The table is the hub's
 * migration tasks' ({@code schema.HubMigrationTasks}).
 */
public final class IdentityReviewList {

    /** A held hospital patient and the residents who might be them. */
    public record Candidate(String institutionCode, String patientNumber, Optional<String> kanaName,
            Optional<String> kanjiName, Optional<String> birthDate, Optional<String> gender, String lastFile,
            List<String> suggestedResidents) {}

    private final JdbcTemplate jdbc;
    private final ResidentDirectory residents;
    private final Clock clock;

    public IdentityReviewList(JdbcTemplate jdbc, ResidentDirectory residents, Clock clock) {
        this.jdbc = jdbc;
        this.residents = residents;
        this.clock = clock;
    }

    /** Puts the hospital patient on the list, or refreshes what the list knows of them. */
    public void hold(String institutionCode, SourcePatient patient, String file) {
        hold(institutionCode, patient.patientNumber(),
                patient.kanaName().map(HumanName::getText).orElse(null),
                patient.kanjiName().map(HumanName::getText).orElse(null),
                patient.birthDate().map(date -> date.getValueAsString()).orElse(null),
                patient.gender().map(gender -> gender.toCode()).orElse(null),
                file);
    }

    /**
     * As above, for a patient known from elsewhere than an SS-MIX2 message (e.g. a FHIR bundle). Names, birth
     * date ({@code YYYY-MM-DD}) and gender (a FHIR code) may be null; what the list knew of them then stays.
     */
    public void hold(String institutionCode, String patientNumber, String kanaName, String kanjiName, String birthDate,
            String gender, String source) {
        Object[] values = {
            kanaName,
            kanjiName,
            birthDate,
            gender,
            source,
            Timestamp.from(clock.instant()),
            institutionCode,
            patientNumber
        };
        String update = "UPDATE phrhub_identity_candidate SET kana_name = COALESCE(?, kana_name), "
                + "kanji_name = COALESCE(?, kanji_name), birth_date = COALESCE(?, birth_date), gender = COALESCE(?, gender), "
                + "last_file = ?, last_seen = ? WHERE institution_code = ? AND patient_number = ?";
        if (jdbc.update(update, values) == 0) {
            try {
                jdbc.update("INSERT INTO phrhub_identity_candidate (kana_name, kanji_name, birth_date, gender, last_file, "
                        + "last_seen, institution_code, patient_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
            } catch (DuplicateKeyException e) {
                jdbc.update(update, values); // another import held the same patient meanwhile
            }
        }
    }

    /** The number is enrolled now: it leaves the list. */
    public void resolve(String institutionCode, String patientNumber) {
        jdbc.update("DELETE FROM phrhub_identity_candidate WHERE institution_code = ? AND patient_number = ?",
                institutionCode, patientNumber);
    }

    public List<Candidate> candidates() {
        return jdbc.query("SELECT * FROM phrhub_identity_candidate ORDER BY institution_code, patient_number",
                (row, n) -> {
                    Optional<String> kana = Optional.ofNullable(row.getString("kana_name"));
                    Optional<String> birthDate = Optional.ofNullable(row.getString("birth_date"));
                    Optional<String> gender = Optional.ofNullable(row.getString("gender"));
                    return new Candidate(row.getString("institution_code"), row.getString("patient_number"), kana,
                            Optional.ofNullable(row.getString("kanji_name")), birthDate, gender,
                            row.getString("last_file"), suggestions(kana, birthDate, gender));
                });
    }

    /** Residents with the same birth date and gender whose kana name reads the same. */
    private List<String> suggestions(Optional<String> kana, Optional<String> birthDate, Optional<String> gender) {
        if (kana.isEmpty() || birthDate.isEmpty() || gender.isEmpty()) {
            return List.of();
        }
        String wanted = comparable(kana.get());
        return residents.withBirthDateAndGender(birthDate.get(), gender.get()).stream()
                .filter(resident -> resident.getName().stream().map(HumanName::getText)
                        .filter(text -> text != null).map(IdentityReviewList::comparable).anyMatch(wanted::equals))
                .map(Patient::getIdElement)
                .map(id -> id.toUnqualifiedVersionless().getValue())
                .toList();
    }

    /** Half-width kana as full-width, no spaces of either width: how two systems' kana can differ. */
    private static String comparable(String kana) {
        return Normalizer.normalize(kana, Normalizer.Form.NFKC).replaceAll("[\\s\u3000]", "");
    }
}

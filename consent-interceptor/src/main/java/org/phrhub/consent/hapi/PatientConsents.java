package org.phrhub.consent.hapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.consent.decision.ConsentDecisionEngine;

/**
 * Each patient's active Consents, kept for as long as the Consents naming that patient stay exactly as
 * they were.
 *
 * <p>Every request still asks the database, but one small question instead of a search that loads and
 * parses each Consent: the patients' consent versions ({@link RecordVersions#consentsOf}). The version is
 * read before the Consents, so a write committed in between makes the next request read them again.
 */
final class PatientConsents {

    /** Far more patients than a node reads at once; past it the kept Consents start over. */
    static final int MOST_KEPT = 10_000;

    /** The version of a patient who has no Consent at all. */
    private static final String NONE = "none";

    private record Kept(Object version, List<Consent> consents) {}

    private final ConsentRecords records;
    private final RecordVersions versions;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    PatientConsents(ConsentRecords records, RecordVersions versions) {
        this.records = records;
        this.versions = versions;
    }

    /**
     * The active Consents of each patient, as of this moment. Each caller gets its own copies: HAPI's
     * getters add the elements they find missing, so a kept Consent must never be read by two requests.
     */
    Map<String, List<Consent>> of(Collection<String> patients) {
        Map<String, ?> current = versions.consentsOf(patients);
        Map<String, List<Consent>> answer = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (String patient : new LinkedHashSet<>(patients)) {
            Kept known = kept.get(patient);
            if (known != null && known.version().equals(versionOf(current, patient))) {
                answer.put(patient, copies(known.consents()));
            } else {
                stale.add(patient);
            }
        }
        if (stale.isEmpty()) {
            return answer;
        }
        List<Consent> read = records.activeConsentsOf(stale);
        if (kept.size() + stale.size() > MOST_KEPT) {
            kept.clear();
        }
        for (String patient : stale) {
            List<Consent> theirs = read.stream()
                    .filter(c -> patient.equals(ConsentDecisionEngine.patientOf(c).orElse(null)))
                    .toList();
            kept.put(patient, new Kept(versionOf(current, patient), theirs));
            answer.put(patient, copies(theirs));
        }
        return answer;
    }

    private static Object versionOf(Map<String, ?> current, String patient) {
        Object version = current.get(patient);
        return version == null ? NONE : version;
    }

    private static List<Consent> copies(List<Consent> consents) {
        return consents.stream().map(Consent::copy).toList();
    }
}

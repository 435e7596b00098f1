package org.phrhub.consent.hapi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.consent.audit.AccessLog;
import org.phrhub.consent.decision.ConsentDecisionEngine;
import org.phrhub.consent.decision.Reader;

/**
 * Everything the consent layer knows about one request: who asks, for what purpose, the Consents
 * of the patients it touched (read once per request, never kept longer) and what it was allowed.
 */
public final class AccessContext {

    private final Reader reader;
    private final ConsentRecords records;
    private final Map<String, List<Consent>> consentsByPatient = new ConcurrentHashMap<>();
    private final AccessLog log = new AccessLog();

    AccessContext(Reader reader, ConsentRecords records) {
        this.reader = reader;
        this.records = records;
    }

    public Reader reader() {
        return reader;
    }

    public AccessLog log() {
        return log;
    }

    /** The patient's active Consents, from the database on first use within this request. */
    public List<Consent> consentsOf(String patient) {
        return consentsByPatient.computeIfAbsent(patient, p -> records.activeConsentsOf(List.of(p)));
    }

    /** Loads the Consents of many patients with one query. */
    public void preload(Collection<String> patients) {
        List<String> missing = patients.stream().filter(p -> !consentsByPatient.containsKey(p)).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<Consent> all = records.activeConsentsOf(missing);
        for (String patient : missing) {
            consentsByPatient.put(patient, all.stream()
                    .filter(c -> patient.equals(ConsentDecisionEngine.patientOf(c).orElse(null)))
                    .toList());
        }
    }
}

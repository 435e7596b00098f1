package org.phrhub.consent.audit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.DataOwnership;

/**
 * What one request was allowed and refused, patient by patient, gathered while it runs so that it
 * leaves its audit record once. Synchronized: storage may decide on a worker thread.
 */
public final class AccessLog {

    private final Map<String, PatientAccess> byPatient = new LinkedHashMap<>();
    private final AtomicBoolean audited = new AtomicBoolean();
    private String refusal;

    public synchronized void record(String patient, AccessDecision decision) {
        record(patient, decision, null);
    }

    /** @param kind what kind of data was decided on; null when the decision concerns no one piece of data */
    public synchronized void record(String patient, AccessDecision decision, DataKind kind) {
        PatientAccess access = byPatient.computeIfAbsent(patient, p -> new PatientAccess());
        if (kind != null) {
            access.kinds.add(kind);
        }
        if (decision.isPermit()) {
            access.permitted = true;
            if (decision.basis().isEmpty() && !(decision instanceof AccessDecision.Permit permit && permit.emergency())) {
                // Permitted by a rule rather than a Consent: the patient's log says which.
                access.rules.add(decision.reason());
            }
        } else {
            access.denied = true;
            access.denialReason = decision.reason();
        }
        decision.basis().stream().map(AccessLog::consentOf).forEach(access.consents::add);
        if (decision instanceof AccessDecision.Permit permit && permit.emergency()) {
            access.emergency = true;
        }
    }

    /** Records the decision for every patient the data belongs to; directory data concerns nobody. */
    public void recordAll(DataOwnership ownership, AccessDecision decision, DataKind kind) {
        if (ownership instanceof DataOwnership.PatientData data) {
            data.patients().forEach(patient -> record(patient, decision, kind));
        }
    }

    /** The request as a whole was refused, before or while touching data. */
    public synchronized void refused(String reason) {
        if (refusal == null) {
            refusal = reason;
        }
    }

    /** True the first time only: a request leaves one audit record even if asked twice. */
    public boolean markAudited() {
        return audited.compareAndSet(false, true);
    }

    public synchronized Set<PatientEntry> entries() {
        Set<PatientEntry> entries = new LinkedHashSet<>();
        byPatient.forEach((patient, access) -> {
            // Permitted if anything of the patient's was shown; the reason then names the rules other than
            // Consents that let it be shown, if any.
            boolean permitted = refusal == null && access.permitted;
            String reason = refusal != null ? refusal
                    : !access.permitted ? access.denialReason
                    : access.rules.isEmpty() ? null : String.join("; ", access.rules);
            entries.add(new PatientEntry(patient, permitted, Set.copyOf(access.consents), access.emergency, reason,
                    Set.copyOf(access.kinds)));
        });
        return entries;
    }

    public synchronized String refusal() {
        return refusal;
    }

    /**
     * @param reason why access was refused; when it was permitted, the rules other than Consents that
     *               permitted it (e.g. the patient's own record), or null when Consents alone did
     * @param kinds  the kinds of the patient's data the request was allowed or refused
     */
    public record PatientEntry(String patient, boolean permitted, Set<String> consents, boolean emergency, String reason,
            Set<DataKind> kinds) {}

    private static final class PatientAccess {
        private boolean permitted;
        private boolean denied;
        private String denialReason;
        private boolean emergency;
        private final Set<String> consents = new LinkedHashSet<>();
        private final Set<String> rules = new LinkedHashSet<>();
        private final Set<DataKind> kinds = new LinkedHashSet<>();
    }

    private static String consentOf(String basis) {
        int hash = basis.indexOf('#');
        return hash < 0 ? basis : basis.substring(0, hash);
    }
}

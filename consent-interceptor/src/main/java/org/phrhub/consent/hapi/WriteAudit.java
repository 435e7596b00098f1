package org.phrhub.consent.hapi;

import java.util.Collection;
import org.phrhub.consent.audit.AccessLog;
import org.phrhub.consent.audit.AuditTrail;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.Reader;

/**
 * The audit trail of writes an operation makes into patients' records on the server's own authority (the
 * EHR import stores through the server's storage, below the per-resource checks). It keeps who asked and
 * for which request, so that work finishing after its request (an import job) still leaves one AuditEvent
 * per patient, naming the client, like every other access.
 */
public final class WriteAudit {

    private final AuditTrail audit;
    private final Reader reader;
    private final String interaction;
    private final String request;
    private final String reason;

    WriteAudit(AuditTrail audit, Reader reader, String interaction, String request, String reason) {
        this.audit = audit;
        this.reader = reader;
        this.interaction = interaction;
        this.request = request;
        this.reason = reason;
    }

    /** One permitted entry per patient whose record the operation wrote into. */
    public void written(Collection<String> patients) {
        if (patients.isEmpty()) {
            return;
        }
        AccessLog log = new AccessLog();
        patients.forEach(patient -> log.record(patient, AccessDecision.permit(reason)));
        audit.requestFinished(reader, log, interaction, request);
    }
}

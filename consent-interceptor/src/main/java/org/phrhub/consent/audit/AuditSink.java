package org.phrhub.consent.audit;

import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/** Where finished AuditEvents are stored; the server implements it on its own database. */
@FunctionalInterface
public interface AuditSink {

    /**
     * Stores these events together: all of them, or none and throws. Together, because a batch costs the
     * database one commit and one look-up of the records it names, where events one by one cost one each.
     */
    void store(List<AuditEvent> events);
}

package org.phrhub.consent.audit;

import org.hl7.fhir.r4.model.AuditEvent;

/** Where finished AuditEvents are stored; the server implements it on its own database. */
@FunctionalInterface
public interface AuditSink {

    void store(AuditEvent event);
}

package org.phrhub.fhirserver.consent;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.consent.audit.AuditSink;
import org.phrhub.fhirserver.bulkstore.NewResourceWriter;

/**
 * Stores AuditEvents in the hub's own database. An AuditEvent is always new, so a batch of them is written
 * straight into HAPI's tables ({@link NewResourceWriter}), all in one database transaction with one look-up of
 * the readers, patients and Consents they name; through HAPI's own create, each event cost the audit writer more
 * than the request it recorded cost the server. On a server whose storage settings that writer does not write
 * for, the batch goes through HAPI's transaction instead.
 */
public final class AuditEventStore implements AuditSink {

    private final NewResourceWriter writer;
    private final HapiTransactionService transactions;
    private final IFhirSystemDao<Bundle, ?> system;

    public AuditEventStore(NewResourceWriter writer, HapiTransactionService transactions, IFhirSystemDao<Bundle, ?> system) {
        this.writer = writer;
        this.transactions = transactions;
        this.system = system;
    }

    @Override
    public void store(List<AuditEvent> events) {
        if (writer.available()) {
            List<Resource> resources = new ArrayList<>(events);
            transactions.withSystemRequest().execute(() -> {
                writer.create(resources, new SystemRequestDetails());
                return null;
            });
            return;
        }
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (AuditEvent event : events) {
            transaction.addEntry().setResource(event).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("AuditEvent");
        }
        system.transaction(new SystemRequestDetails(), transaction);
    }
}

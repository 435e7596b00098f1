package org.phrhub.consent.audit;

import java.time.Clock;
import java.util.Date;
import java.util.Set;
import org.phrhub.consent.decision.Reader;

/** Turns what a finished request was allowed into its AuditEvents, one per patient touched. */
public final class AuditTrail {

    private final AuditEventFactory factory = new AuditEventFactory();
    private final AsyncAuditWriter writer;
    private final Clock clock;

    public AuditTrail(AsyncAuditWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    public void requestFinished(Reader reader, AccessLog log, String interaction, String request) {
        if (!log.markAudited()) {
            return;
        }
        Date now = Date.from(clock.instant());
        Set<AccessLog.PatientEntry> entries = log.entries();
        for (AccessLog.PatientEntry entry : entries) {
            writer.submit(factory.build(reader, interaction, request, entry.patient(), entry.permitted(),
                    entry.consents(), entry.emergency(), entry.reason(), entry.kinds(), now));
        }
        if (entries.isEmpty() && log.refusal() != null) {
            writer.submit(factory.build(reader, interaction, request, null, false, Set.of(), false, log.refusal(), Set.of(), now));
        }
    }
}

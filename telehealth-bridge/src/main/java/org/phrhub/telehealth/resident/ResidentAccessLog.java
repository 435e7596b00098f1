package org.phrhub.telehealth.resident;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.directory.Clinician;
import org.phrhub.telehealth.directory.Directory;
import org.phrhub.telehealth.record.RecordPages;
import org.springframework.stereotype.Component;

/**
 * The resident's access log: the hub's AuditEvents about them in the period (the hub lets a patient find
 * exactly those), read into plain lines with the readers looked up in the directory, then filtered and paged.
 * Filtering happens here because the readers to choose from are those of the whole period.
 */
@Component
public class ResidentAccessLog {

    static final int PAGE_SIZE = 20;

    private final Directory directory;
    private final ZoneId zone;
    private final AccessEntries entries;

    ResidentAccessLog(Directory directory, BridgeProperties properties) {
        this.directory = directory;
        this.zone = properties.zone();
        this.entries = new AccessEntries(zone);
    }

    public AccessLogPage read(IGenericClient fhir, String patient, AccessQuery query) {
        List<AuditEvent> events = new ArrayList<>();
        RecordPages.searchAll(fhir, fhir.search().forResource(AuditEvent.class)
                .where(new ReferenceClientParam("entity").hasId(patient))
                .and(new DateClientParam("date").afterOrEquals().second(Date.from(query.from().atStartOfDay(zone).toInstant())))
                .and(new DateClientParam("date").before().second(Date.from(query.to().plusDays(1).atStartOfDay(zone).toInstant())))
                .sort().descending("date")
                .count(200), AuditEvent.class, events::add);
        Set<String> references = new LinkedHashSet<>();
        events.forEach(event -> references.addAll(AccessEntries.referencesIn(event)));
        Map<String, Clinician> clinicians = directory.clinicians(fhir, references);
        Map<String, String> organisations = directory.organizationNames(fhir, references);
        List<AccessEntry> all = events.stream().map(event -> entries.read(event, patient, clinicians, organisations)).toList();

        List<AccessEntry> shown = all.stream().filter(e -> query.includeOwn() || !e.own()).toList();
        Map<String, AccessReader> readers = new LinkedHashMap<>();
        shown.forEach(e -> readers.putIfAbsent(e.reader().key(), e.reader()));
        List<AccessEntry> matching = shown.stream()
                .filter(e -> query.reader().map(key -> key.equals(e.reader().key())).orElse(true)).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(query.page(), pages);
        List<AccessEntry> onPage = matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE));
        int ownHidden = query.includeOwn() ? 0 : (int) all.stream().filter(AccessEntry::own).count();
        return new AccessLogPage(query, onPage, List.copyOf(readers.values()), page, pages, matching.size(), ownHidden);
    }
}

package org.phrhub.telehealth.resident;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.phrhub.telehealth.directory.Clinician;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.V3ActReason;

/**
 * Reads one of the hub's AuditEvents (IHE BALP AuthZ-Consent, as the consent layer writes them) as a line of
 * the resident's access log: the requesting person or client among the agents, the organisations they acted
 * for, the purpose, the outcome, the break-the-glass label, and the kinds of data among the entities.
 */
final class AccessEntries {

    private static final String PATIENT = "Patient/";
    private static final String PRACTITIONER = "Practitioner/";
    private static final String ORGANIZATION = "Organization/";
    private static final String ACCESS_EXPLAIN = "/$access-explain";

    private final ZoneId zone;

    AccessEntries(ZoneId zone) {
        this.zone = zone;
    }

    /** The people and organisations an event names, to look up in the directory before reading it. */
    static Set<String> referencesIn(AuditEvent event) {
        Set<String> references = new LinkedHashSet<>();
        event.getAgent().stream().map(a -> a.getWho().getReference()).filter(r -> r != null)
                .filter(r -> r.startsWith(PRACTITIONER) || r.startsWith(ORGANIZATION)).forEach(references::add);
        return references;
    }

    /** @param patient the resident reading their log, e.g. {@code Patient/hanako} */
    AccessEntry read(AuditEvent event, String patient, Map<String, Clinician> clinicians, Map<String, String> organisations) {
        return new AccessEntry(event.getIdElement().getIdPart(), event.getRecorded().toInstant().atZone(zone),
                reader(event, patient, clinicians, organisations),
                event.hasAction() ? event.getAction().toCode() : "",
                data(event), purpose(event), "0".equals(event.hasOutcome() ? event.getOutcome().toCode() : ""),
                event.getMeta().getSecurity(V3ActReason.SYSTEM, V3ActReason.ETREAT) != null);
    }

    private static AccessReader reader(AuditEvent event, String patient, Map<String, Clinician> clinicians,
            Map<String, String> organisationNames) {
        String clientId = event.getAgent().stream().map(AuditEventAgentComponent::getWho)
                .filter(who -> who.hasIdentifier() && HubIdentifiers.OAUTH_CLIENT.equals(who.getIdentifier().getSystem()))
                .map(who -> who.getIdentifier().getValue()).findFirst().orElse("");
        List<String> actedFor = event.getAgent().stream().map(a -> a.getWho().getReference())
                .filter(r -> r != null && r.startsWith(ORGANIZATION))
                .map(r -> organisationNames.getOrDefault(r, "")).filter(name -> !name.isBlank()).distinct().toList();
        Optional<AuditEventAgentComponent> person = event.getAgent().stream()
                .filter(a -> a.getRequestor() && a.getWho().getReference() != null
                        && (a.getWho().getReference().startsWith(PRACTITIONER) || a.getWho().getReference().startsWith(PATIENT)))
                .findFirst();
        if (person.isEmpty()) {
            return new AccessReader(AccessReader.CLIENT_PREFIX + clientId, AccessReader.Kind.CLIENT, "", actedFor, List.of(), clientId);
        }
        String who = person.get().getWho().getReference();
        if (who.startsWith(PATIENT)) {
            return who.equals(patient)
                    ? new AccessReader(who, AccessReader.Kind.SELF, "", List.of(), List.of(), clientId)
                    // Another resident's reference and name are their own data: the log says only that one asked.
                    : new AccessReader(AccessReader.OTHER_RESIDENT_KEY, AccessReader.Kind.OTHER_RESIDENT, "", List.of(), List.of(), clientId);
        }
        Clinician clinician = clinicians.getOrDefault(who, Clinician.unlisted(who, who));
        List<String> workplaces = clinician.organisations().isEmpty() ? actedFor : clinician.organisations();
        return new AccessReader(who, AccessReader.Kind.CLINICIAN, clinician.name(), workplaces, clinician.roles(), clientId);
    }

    private static List<AccessEntry.DataLabel> data(AuditEvent event) {
        List<AccessEntry.DataLabel> labels = new ArrayList<>();
        String request = "";
        for (AuditEventEntityComponent entity : event.getEntity()) {
            if ("request".equals(entity.getName())) {
                request = entity.getDescription() == null ? "" : entity.getDescription();
            }
            Coding role = entity.getRole();
            if (Hl7Terminology.OBJECT_ROLE.equals(role.getSystem()) && Hl7Terminology.DOMAIN_RESOURCE.equals(role.getCode())
                    && Hl7Terminology.RESOURCE_TYPES.equals(entity.getType().getSystem())) {
                Optional<String> category = entity.getDetail().stream().filter(d -> "category".equals(d.getType()))
                        .map(d -> d.getValue().primitiveValue()).findFirst();
                AccessEntry.DataLabel label = DataKinds.of(entity.getType().getCode(), category);
                if (!labels.contains(label)) {
                    labels.add(label);
                }
            }
        }
        if (request.contains(ACCESS_EXPLAIN)) {
            return List.of(DataKinds.sharing());
        }
        if (labels.isEmpty()) {
            // Older entries, and refusals before any data was touched: the request line's resource type.
            typeOf(request).map(type -> DataKinds.of(type, Optional.empty())).ifPresent(labels::add);
        }
        return labels;
    }

    /** {@code GET Observation/1} → {@code Observation}; the request line carries no query, so no one else's id. */
    static Optional<String> typeOf(String request) {
        String[] parts = request.strip().split(" ", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            return Optional.empty();
        }
        String type = parts[1].split("[/?]", 2)[0];
        return type.matches("[A-Z][A-Za-z]+") ? Optional.of(type) : Optional.empty();
    }

    private static String purpose(AuditEvent event) {
        return event.getPurposeOfEvent().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> V3ActReason.SYSTEM.equals(c.getSystem())).map(Coding::getCode).findFirst().orElse("");
    }
}

package org.phrhub.consent.audit;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.Requester;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.V3ActReason;

/** Builds the BALP "AuthZ-Consent" AuditEvent that records one consent decision about one patient. */
public final class AuditEventFactory {

    private static final String SERVER_NAME = "PHR Hub FHIR server";

    /**
     * @param interaction the FHIR interaction, e.g. {@code read}, {@code search-type}
     * @param request     the request line as the reader sent it, for the patient's log
     * @param patient     the patient whose data was touched, or null when a refusal named none
     * @param reason      why access was refused; when permitted, the rules other than Consents that permitted it, or null
     * @param kinds       the kinds of the patient's data the request touched
     */
    public AuditEvent build(Reader reader, String interaction, String request, String patient, boolean permitted,
            Set<String> consents, boolean emergency, String reason, Set<DataKind> kinds, Date recorded) {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(BalpCodes.PROFILE);
        event.setType(new Coding(BalpCodes.DCM_SYSTEM, BalpCodes.SECURITY_ALERT, "Security Alert"));
        event.addSubtype(new Coding(BalpCodes.AUTHZ_SUBTYPE_SYSTEM, BalpCodes.AUTHZ_CONSENT,
                "Authorization Decision using Roles and Consent"));
        event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", interaction, null));
        event.setAction(actionOf(interaction));
        event.setRecorded(recorded);
        event.setOutcome(permitted ? AuditEventOutcome._0 : AuditEventOutcome._8);
        event.setOutcomeDesc(!permitted ? reason
                : emergency ? "Emergency access (break-the-glass)"
                : reason == null ? "Permitted" : "Permitted: " + reason);
        CodeableConcept purpose = purpose(reader.purpose());
        event.addPurposeOfEvent(purpose);
        if (emergency) {
            // Marks the events of break-the-glass access, so the patient's access log can show them.
            event.getMeta().addSecurity(V3ActReason.SYSTEM, V3ActReason.ETREAT, "emergency treatment");
        }

        Requester requester = reader.requester();
        AuditEventAgentComponent client = event.addAgent();
        client.setType(new CodeableConcept(new Coding(BalpCodes.DCM_SYSTEM, BalpCodes.APPLICATION, "Application Launcher")));
        client.setWho(new Reference().setIdentifier(new Identifier().setSystem(HubIdentifiers.OAUTH_CLIENT).setValue(requester.clientId())));
        client.setRequestor(!requester.isPerson());
        if (!requester.isPerson()) {
            client.addPurposeOfUse(purpose);
        }
        requester.fhirUser().ifPresent(user -> {
            AuditEventAgentComponent person = event.addAgent();
            person.setType(new CodeableConcept(new Coding(BalpCodes.PARTICIPATION_SYSTEM, BalpCodes.INFORMANT, "informant")));
            person.setWho(new Reference(user.reference()));
            person.setAltId(requester.subject());
            person.setRequestor(true);
            person.addPurposeOfUse(purpose);
        });
        reader.actorReferences().stream().filter(a -> a.startsWith("Organization/")).sorted().forEach(org -> {
            AuditEventAgentComponent organization = event.addAgent();
            organization.setType(new CodeableConcept(
                    new Coding(BalpCodes.PARTICIPATION_SYSTEM, BalpCodes.RESPONSIBLE_PARTY, "responsible party")));
            organization.setWho(new Reference(org));
            organization.setRequestor(false);
        });
        AuditEventAgentComponent server = event.addAgent();
        server.setType(new CodeableConcept(new Coding(BalpCodes.DCM_SYSTEM, BalpCodes.DESTINATION, "Destination Role ID")));
        server.setWho(new Reference().setDisplay(SERVER_NAME));
        server.setRequestor(false);
        event.getSource().setObserver(new Reference().setDisplay(SERVER_NAME));

        if (patient != null) {
            event.addEntity()
                    .setWhat(new Reference(patient))
                    .setType(new Coding(BalpCodes.ENTITY_TYPE_SYSTEM, BalpCodes.ENTITY_PERSON, "Person"))
                    .setRole(new Coding(BalpCodes.OBJECT_ROLE_SYSTEM, BalpCodes.ROLE_PATIENT, "Patient"));
        }
        consents.stream().sorted().forEach(consent -> event.addEntity()
                .setWhat(new Reference(consent))
                .setType(new Coding(BalpCodes.ENTITY_TYPE_SYSTEM, BalpCodes.ENTITY_SYSTEM_OBJECT, "System Object"))
                .setDescription("Consent that decided the access"));
        // One entity per kind of data, typed by its resource type as R4's entity-type value set allows, so that
        // the patient's log can say "home blood pressure" where the request line only says "Observation".
        kinds.stream().sorted(DataKind.ORDER).forEach(kind -> {
            AuditEventEntityComponent data = event.addEntity()
                    .setType(new Coding(Hl7Terminology.RESOURCE_TYPES, kind.resourceType(), null))
                    .setRole(new Coding(BalpCodes.OBJECT_ROLE_SYSTEM, BalpCodes.ROLE_DOMAIN_RESOURCE, "Domain Resource"));
            kind.category().ifPresent(category -> data.addDetail().setType(BalpCodes.CATEGORY_DETAIL).setValue(new StringType(category)));
        });
        event.addEntity()
                .setType(new Coding(BalpCodes.ENTITY_TYPE_SYSTEM, BalpCodes.ENTITY_SYSTEM_OBJECT, "System Object"))
                .setName("request")
                .setDescription(request);
        return event;
    }

    static String toJson(AuditEvent event) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(event);
    }

    private static CodeableConcept purpose(String code) {
        return new CodeableConcept(new Coding(V3ActReason.SYSTEM, code, null));
    }

    private static AuditEventAction actionOf(String interaction) {
        return switch (interaction) {
            case "create" -> AuditEventAction.C;
            case "update", "patch" -> AuditEventAction.U;
            case "delete" -> AuditEventAction.D;
            case "read", "vread", "search-type", "history-instance", "get-page" -> AuditEventAction.R;
            default -> AuditEventAction.E;
        };
    }
}

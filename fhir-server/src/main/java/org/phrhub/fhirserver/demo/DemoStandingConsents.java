package org.phrhub.fhirserver.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.consent.codes.ConsentTerminology;
import org.phrhub.fhirserver.consent.ConsentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.phrhub.vocabulary.DataClasses;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.V3ActReason;

/**
 * hanako's long-standing Consents, for the demo only ({@code phrhub.demo.standing-consents}, which {@code ./hub demo}
 * sets and the tests do not): the city platform's opt-in (her home blood pressure, for public health) and her
 * hospital doctor's (dr.sato: conditions, prescriptions and lab results, for treatment), both until she revokes
 * them. They are written in the shape the bridge's My consents writes, so she can narrow and revoke them there.
 * Each is stored once: what she revokes in the demo stays revoked over a restart.
 */
@Component
@Order(DemoDataSeeder.ORDER + 4)
@ConditionalOnProperty(name = {"phrhub.demo.seed", "phrhub.demo.standing-consents"}, havingValue = "true")
public class DemoStandingConsents implements ApplicationRunner {

    static final String CITY_OPT_IN_ID = "hanako-city-platform-opt-in";
    static final String FAMILY_DOCTOR_ID = "hanako-dr-sato-standing-consent";

    private static final Logger log = LoggerFactory.getLogger(DemoStandingConsents.class);

    private final IFhirResourceDao<Consent> consents;
    private final ConsentProperties consentProperties;
    private final Clock clock;

    public DemoStandingConsents(DaoRegistry daos, ConsentProperties consentProperties, Clock clock) {
        this.consents = daos.getResourceDao(Consent.class);
        this.consentProperties = consentProperties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock.withZone(DemoVisitSchedule.CITY_TIME));
        Consent city = standing(CITY_OPT_IN_ID, today.minusMonths(6));
        permit(city, consentProperties.cityBrokerOrganization(), consentProperties.cityBrokerPurpose())
                .addClass_(resourceType("Observation")).addCode(observationCategory(Hl7Terminology.VITAL_SIGNS));
        storeOnce(city);

        Consent familyDoctor = standing(FAMILY_DOCTOR_ID, today.minusYears(1));
        permit(familyDoctor, "Practitioner/dr-sato", V3ActReason.TREAT).addClass_(resourceType("Condition"));
        permit(familyDoctor, "Practitioner/dr-sato", V3ActReason.TREAT)
                .addCode(new CodeableConcept(new Coding(DataClasses.SYSTEM, DataClasses.MEDICATION, null)));
        permit(familyDoctor, "Practitioner/dr-sato", V3ActReason.TREAT)
                .addClass_(resourceType("Observation")).addCode(observationCategory(Hl7Terminology.LABORATORY));
        storeOnce(familyDoctor);
    }

    /** An opt-in of hanako given on {@code given}: nothing shared (a root deny from that day, no end) but its permits. */
    private static Consent standing(String id, LocalDate given) {
        Consent consent = new Consent();
        consent.setId(id);
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(ConsentTerminology.SCOPE_SYSTEM, ConsentTerminology.PATIENT_PRIVACY, null)));
        consent.addCategory(new CodeableConcept(new Coding(Loinc.SYSTEM, Loinc.PATIENT_CONSENT, "Patient Consent")));
        consent.setPatient(new Reference("Patient/hanako").setDisplay("山田 花子"));
        Date day = Date.from(given.atStartOfDay(DemoVisitSchedule.CITY_TIME).toInstant());
        consent.setDateTime(day);
        consent.getPolicyRule().addCoding(new Coding(Hl7Terminology.ACT_CODE, Hl7Terminology.OPT_IN, null));
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY).setPeriod(new Period().setStart(day));
        return consent;
    }

    private static Consent.ProvisionComponent permit(Consent consent, String reader, String purpose) {
        Consent.ProvisionComponent permit = consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setRole(new CodeableConcept(new Coding(Hl7Terminology.PARTICIPATION_TYPE,
                Hl7Terminology.INFORMATION_RECIPIENT, "information recipient"))).setReference(new Reference(reader));
        permit.addPurpose(new Coding(V3ActReason.SYSTEM, purpose, null));
        return permit;
    }

    private static Coding resourceType(String type) {
        return new Coding(Hl7Terminology.RESOURCE_TYPES, type, null);
    }

    private static CodeableConcept observationCategory(String category) {
        return new CodeableConcept(new Coding(Hl7Terminology.OBSERVATION_CATEGORY, category, null));
    }

    private void storeOnce(Consent consent) {
        SystemRequestDetails server = new SystemRequestDetails();
        try {
            consents.read(new IdType("Consent", consent.getIdElement().getIdPart()), server);
            return; // already there, perhaps narrowed or revoked by hanako: hers to keep
        } catch (ResourceGoneException deleted) {
            return; // deleted on purpose: not brought back
        } catch (ResourceNotFoundException absent) {
            // first start: store it
        }
        consents.update(consent, server);
        log.info("Demo standing consent stored: Consent/{}", consent.getIdElement().getIdPart());
    }
}

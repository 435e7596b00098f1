package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import org.phrhub.fhirserver.bulkstore.NewResourceWriter;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** AuditEvents stored together land as stored one by one, with their references indexed; or none of them do. */
class AuditEventStoreTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private IFhirSystemDao<Bundle, ?> systemDao;

    @Autowired
    private NewResourceWriter newResources;

    @Autowired
    private HapiTransactionService transactions;

    private static AuditEvent readBy(String reader, String patient, String request) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"));
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecordedElement(InstantType.now());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent().setWho(new Reference(reader)).setRequestor(true);
        event.getSource().setObserver(new Reference().setDisplay("PHR Hub FHIR server"));
        event.addEntity().setWhat(new Reference(patient));
        event.addEntity().setName("request").setDescription(request);
        return event;
    }

    @Test
    void aBatchIsStoredWholeAndFoundByPatientAndReader() {
        PatientRecords records = new PatientRecords(daos);
        String first = records.newRecord().patient();
        String second = records.newRecord().patient();
        AuditEventStore store = new AuditEventStore(newResources, transactions, systemDao);

        store.store(List.of(readBy("Practitioner/dr-suzuki", first, "GET Observation?subject=" + first),
                readBy("Practitioner/dr-suzuki", second, "GET Patient/" + second),
                readBy("Practitioner/dr-suzuki", first, "GET Condition?subject=" + first)));

        assertThat(records.auditEventsAbout(first)).extracting(AuditEventStoreTest::request)
                .containsExactlyInAnyOrder("GET Observation?subject=" + first, "GET Condition?subject=" + first);
        assertThat(records.auditEventsAbout(second)).extracting(AuditEventStoreTest::request)
                .containsExactly("GET Patient/" + second);
        assertThat(records.auditEventsAbout(first)).allSatisfy(event -> {
            assertThat(event.getIdElement().getVersionIdPart()).isEqualTo("1");
            assertThat(event.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/dr-suzuki");
        });
    }

    @Test
    void aBatchWithOneEventTheStoreRefusesStoresNone() {
        PatientRecords records = new PatientRecords(daos);
        String patient = records.newRecord().patient();
        AuditEventStore store = new AuditEventStore(newResources, transactions, systemDao);

        assertThatThrownBy(() -> store.store(List.of(readBy("Practitioner/dr-suzuki", patient, "GET Patient/" + patient),
                readBy("Practitioner/no-such-practitioner", patient, "GET Observation?subject=" + patient))))
                .isInstanceOf(RuntimeException.class);

        assertThat(records.auditEventsAbout(patient)).as("all or none: the good event of the refused batch is not stored")
                .isEmpty();
    }

    private static String request(AuditEvent event) {
        return event.getEntity().stream().filter(e -> "request".equals(e.getName())).findFirst().orElseThrow().getDescription();
    }
}

package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.Observations;

/** Machine clients write what their role is for and read nothing. */
class MachineClientAccessTest extends FhirServerIntegrationTest {

    @Test
    void deviceGatewayCreatesAnObservationButCanReadNothing() {
        String gateway = clientToken("device-gateway");

        FhirHttp.Response created = fhir.post("", gateway, pairedReading("Patient/hanako", "Patient/hanako", "read-" + UUID.randomUUID()));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = new IdType(created.bundle().getEntry().get(1).getResponse().getLocation()).getIdPart();
        assertThat(fhir.get("Observation/" + id, tokenOf("hanako")).status())
                .as("the reading is in hanako's record")
                .isEqualTo(200);

        FhirHttp.Response read = fhir.get("Observation/" + id, gateway);
        FhirHttp.Response search = fhir.get("Observation?subject=Patient/hanako", gateway);
        FhirHttp.Response patient = fhir.get("Patient/hanako", gateway);
        FhirHttp.Response directory = fhir.get("Organization/aizu-clinic", gateway);
        for (FhirHttp.Response refused : new FhirHttp.Response[] {read, search, patient, directory}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.diagnostics()).containsIgnoringCase("client device-gateway").contains("read nothing");
            // The refusal names what was asked for, never what is stored.
            assertThat(refused.body()).doesNotContain("\"resourceType\":\"Observation\"").doesNotContain("8867-4");
        }
    }

    @Test
    void deviceGatewayResendingAReadingStoresItOnce() {
        String gateway = clientToken("device-gateway");
        String identifier = "resend-" + UUID.randomUUID();

        FhirHttp.Response first = fhir.post("", gateway, pairedReading("Patient/hanako", "Patient/hanako", identifier));
        FhirHttp.Response second = fhir.post("", gateway, pairedReading("Patient/hanako", "Patient/hanako", identifier));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        Bundle.BundleEntryResponseComponent created = first.bundle().getEntry().get(1).getResponse();
        Bundle.BundleEntryResponseComponent matched = second.bundle().getEntry().get(1).getResponse();
        assertThat(created.getStatus()).startsWith("201");
        assertThat(matched.getStatus()).startsWith("200");
        assertThat(new IdType(matched.getLocation()).toUnqualifiedVersionless())
                .isEqualTo(new IdType(created.getLocation()).toUnqualifiedVersionless());
        FhirHttp.Response stored = fhir.get("Observation?identifier=" + READINGS + "%7C" + identifier, tokenOf("hanako"));
        assertThat(stored.bundle().getEntry()).hasSize(1);
    }

    @Test
    void deviceGatewayCannotChangeAStoredReadingNorReadOneThroughATransaction() {
        String gateway = clientToken("device-gateway");
        FhirHttp.Response created = fhir.post("", gateway, pairedReading("Patient/hanako", "Patient/hanako", "fixed-" + UUID.randomUUID()));
        IdType stored = new IdType(created.bundle().getEntry().get(1).getResponse().getLocation()).toUnqualifiedVersionless();
        Observation changed = Observations.heartRate("Patient/hanako", 180);
        changed.setId(stored);

        FhirHttp.Response update = fhir.put(stored.getValue(), gateway, changed);
        Bundle read = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        read.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(stored.getValue());
        FhirHttp.Response readThroughTransaction = fhir.post("", gateway, read);

        assertThat(update.status()).as(update.toString()).isEqualTo(403);
        assertThat(update.diagnostics()).contains("does not change stored Observation");
        assertThat(readThroughTransaction.body()).doesNotContain("8867-4");
        assertThat(fhir.get(stored.getValue(), tokenOf("hanako")).resource(Observation.class).getValueQuantity().getValue())
                .isEqualByComparingTo("72");
    }

    @Test
    void deviceGatewaySendsAReadingToItsIdAgainUnchangedButMayNotAlterIt() {
        String gateway = clientToken("device-gateway");
        String identifier = "put-" + UUID.randomUUID();
        String id = "phd-" + UUID.randomUUID().toString().replace("-", "");

        FhirHttp.Response first = fhir.post("", gateway, pairedReadingById("Patient/hanako", "Patient/hanako", identifier, id, 72));
        FhirHttp.Response again = fhir.post("", gateway, pairedReadingById("Patient/hanako", "Patient/hanako", identifier, id, 72));
        FhirHttp.Response altered = fhir.post("", gateway, pairedReadingById("Patient/hanako", "Patient/hanako", identifier, id, 180));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.bundle().getEntry().get(1).getResponse().getStatus()).startsWith("201");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.bundle().getEntry().get(1).getResponse().getLocation())
                .as("sent again unchanged, the reading keeps its version")
                .isEqualTo(first.bundle().getEntry().get(1).getResponse().getLocation());
        assertThat(altered.status()).as(altered.toString()).isEqualTo(403);
        assertThat(altered.diagnostics()).contains("does not change stored Observation");
        Observation stored = fhir.get("Observation/" + id, tokenOf("hanako")).resource(Observation.class);
        assertThat(stored.getValueQuantity().getValue()).isEqualByComparingTo("72");
        assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void deviceGatewayMayNotPutAReadingUnderAMonitorOfAnotherPatient() {
        String id = "phd-" + UUID.randomUUID().toString().replace("-", "");

        FhirHttp.Response stray = fhir.post("", clientToken("device-gateway"),
                pairedReadingById("Patient/taro", "Patient/hanako", "stray-put-" + UUID.randomUUID(), id, 72));

        assertThat(stray.status()).as(stray.toString()).isEqualTo(403);
        assertThat(stray.diagnostics()).contains("is not paired with Patient/hanako");
        assertThat(fhir.get("Observation/" + id, tokenOf("hanako")).status()).isEqualTo(404);
    }

    @Test
    void deviceGatewayRegistersAMonitorOnceAndKeepsItsDeviceUpToDate() {
        String gateway = clientToken("device-gateway");
        String binding = "0A:7E:57:" + UUID.randomUUID() + "/user-1";

        FhirHttp.Response first = fhir.post("", gateway, monitorRegistration(binding, "Patient/hanako"));
        FhirHttp.Response again = fhir.post("", gateway, monitorRegistration(binding, "Patient/taro"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        IdType device = new IdType(first.bundle().getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless();
        assertThat(new IdType(again.bundle().getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless())
                .isEqualTo(device);
        assertThat(fhir.get(device.getValue(), tokenOf("taro")).resource(org.hl7.fhir.r4.model.Device.class)
                .getPatient().getReference()).isEqualTo("Patient/taro");
    }

    private static Bundle monitorRegistration(String binding, String patient) {
        org.hl7.fhir.r4.model.Device monitor = new org.hl7.fhir.r4.model.Device();
        monitor.addIdentifier().setSystem(MONITORS).setValue(binding);
        monitor.setPatient(new Reference(patient));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(IdType.newRandomUuid().getValue()).setResource(monitor).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Device?identifier=" + encode(MONITORS + "|" + binding));
        return bundle;
    }

    private static final String MONITORS = "https://phr-hub.example/fhir/sid/monitor-binding";
    private static final String READINGS = "https://phr-hub.example/fhir/sid/phd-reading";

    @Test
    void deviceGatewayMayNotFileAReadingUnderAMonitorOfAnotherPatientNorWithoutOne() {
        String gateway = clientToken("device-gateway");
        Bundle underTarosMonitor = pairedReading("Patient/taro", "Patient/hanako", "stray-" + UUID.randomUUID());
        Bundle withoutMonitor = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        withoutMonitor.addEntry().setResource(Observations.heartRate("Patient/hanako", 72)).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        FhirHttp.Response stray = fhir.post("", gateway, underTarosMonitor);
        FhirHttp.Response unpaired = fhir.post("", gateway, withoutMonitor);

        assertThat(stray.status()).as(stray.toString()).isEqualTo(403);
        assertThat(stray.diagnostics()).contains("is not paired with Patient/hanako");
        assertThat(unpaired.status()).as(unpaired.toString()).isEqualTo(403);
        assertThat(unpaired.diagnostics()).contains("must name the registered monitor");
        // Refused whole: not even the monitor of the stray upload was registered.
        String monitor = underTarosMonitor.getEntryFirstRep().getRequest().getIfNoneExist();
        assertThat(fhir.get("Device?" + monitor, tokenOf("taro")).bundle().getEntry()).isEmpty();
    }

    /** A home reading as the gateway uploads it: the monitor that took it and the reading, each created only if new. */
    private static Bundle pairedReading(String monitorOwner, String patient, String identifier) {
        String binding = "0A:7E:57:" + monitorOwner + "/" + identifier;
        org.hl7.fhir.r4.model.Device monitor = new org.hl7.fhir.r4.model.Device();
        monitor.addIdentifier().setSystem(MONITORS).setValue(binding);
        monitor.setPatient(new Reference(monitorOwner));
        Observation reading = Observations.heartRate(patient, 72);
        reading.addIdentifier().setSystem(READINGS).setValue(identifier);
        String monitorUrl = IdType.newRandomUuid().getValue();
        reading.setDevice(new Reference(monitorUrl));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(monitorUrl).setResource(monitor).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Device")
                .setIfNoneExist("identifier=" + encode(MONITORS + "|" + binding));
        bundle.addEntry().setFullUrl(IdType.newRandomUuid().getValue()).setResource(reading).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
                .setIfNoneExist("identifier=" + encode(READINGS + "|" + identifier));
        return bundle;
    }

    /** A home reading as the gateway uploads it now: the monitor, created only if new, and the reading put to its id. */
    private static Bundle pairedReadingById(String monitorOwner, String patient, String identifier, String id, int rate) {
        Bundle bundle = pairedReading(monitorOwner, patient, identifier);
        Bundle.BundleEntryComponent reading = bundle.getEntry().get(1);
        Observation observation = (Observation) reading.getResource();
        observation.setId(id);
        // As a gateway sends it: the same reading is the same resource, every time.
        observation.getIdentifier().removeIf(other -> !READINGS.equals(other.getSystem()));
        observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-20T07:12:30+09:00"));
        observation.getValueQuantity().setValue(rate);
        reading.setFullUrl(null).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/" + id).setIfNoneExist(null);
        return bundle;
    }

    private static String encode(String token) {
        return java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void deviceGatewayMayNotWriteOtherKindsOfData() {
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/hanako"));
        diagnosis.getCode().setText("Hypertension");

        FhirHttp.Response refused = fhir.post("Condition", clientToken("device-gateway"), diagnosis);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.diagnostics()).contains("may not write Condition").contains("Device, Observation");
    }

    @Test
    void ehrImporterWritesClinicalDataButReadsNothing() {
        String importer = clientToken("ehr-importer");
        Condition diagnosis = new Condition();
        diagnosis.setSubject(new Reference("Patient/taro"));
        diagnosis.getCode().setText("Essential hypertension");

        FhirHttp.Response created = fhir.post("Condition", importer, diagnosis);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.resource(Condition.class).getIdElement().getIdPart();
        assertThat(fhir.get("Condition/" + id, importer).status()).isEqualTo(403);
        assertThat(fhir.get("Condition/" + id, tokenOf("taro")).status()).isEqualTo(200);
    }

    @Test
    void cityBrokerFindsNoPatientWhoDidNotOptIn() {
        FhirHttp.Response found = fhir.get("Patient?_id=hanako,taro", clientToken("city-broker"));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.bundle().getEntry()).isEmpty();
        assertThat(found.bundle().getTotal()).isZero();
        assertThat(fhir.get("Patient/hanako", clientToken("city-broker")).status()).isEqualTo(404);
    }
}

package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every reader × every read path × every consent state: what each reader finds of a fresh patient's
 * record must be exactly what that patient's Consents allow, and what they may not see must look like
 * nothing at all. Our interpretation of the FHIR R4 Consent: scope patient-privacy, an opt-in is a
 * root deny with nested permits; a nested deny is an exception that wins; data labelled R is shown
 * only where a permit names the label.
 */
class ConsentMatrixTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    enum Item { PATIENT, VITALS, LAB, PSY, SECRET }

    enum Reader {
        OTHER_PATIENT, PHYSICIAN, OTHER_PHYSICIAN, PHARMACIST, CITY_BROKER, DEVICE_GATEWAY;

        String token() {
            return switch (this) {
                case OTHER_PATIENT -> Tokens.user("taro");
                case PHYSICIAN -> Tokens.user("dr.suzuki");
                case OTHER_PHYSICIAN -> Tokens.user("dr.sato");
                case PHARMACIST -> Tokens.user("ph.ito");
                case CITY_BROKER -> Tokens.client("city-broker");
                case DEVICE_GATEWAY -> Tokens.client("device-gateway");
            };
        }

        boolean consentGoverned() {
            return this == PHYSICIAN || this == OTHER_PHYSICIAN || this == PHARMACIST || this == CITY_BROKER;
        }
    }

    private static final Set<Item> ALL_BUT_RESTRICTED = Set.of(Item.PATIENT, Item.VITALS, Item.LAB, Item.PSY);

    /** A consent state: the Consents it stores for the patient, and what each reader then sees. */
    record State(String name, Function<String, List<Consent>> consents, Map<Reader, Set<Item>> visible) {}

    private static List<State> states() {
        Coding psy = new Coding(PatientRecords.ACT_CODE, "PSY", null);
        Coding restricted = new Coding(PatientRecords.CONFIDENTIALITY, "R", null);
        return List.of(
                new State("no consent", p -> List.of(), Map.of()),
                new State("permit for dr-suzuki, treatment",
                        p -> List.of(optIn(p, permit("Practitioner/dr-suzuki", "TREAT"))),
                        Map.of(Reader.PHYSICIAN, ALL_BUT_RESTRICTED)),
                new State("expired permit", p -> {
                    Consent consent = optIn(p, permit("Practitioner/dr-suzuki", "TREAT"));
                    consent.getProvision().setPeriod(PatientRecords.endedYesterday());
                    return List.of(consent);
                }, Map.of()),
                new State("inactive permit", p -> List.of(
                        optIn(p, permit("Practitioner/dr-suzuki", "TREAT")).setStatus(Consent.ConsentState.INACTIVE)), Map.of()),
                new State("permit with nested deny of laboratory", p -> List.of(optIn(p,
                        permit("Practitioner/dr-suzuki", "TREAT").addProvision(PatientRecords.denyCode("laboratory")))),
                        Map.of(Reader.PHYSICIAN, Set.of(Item.PATIENT, Item.VITALS))),
                new State("permit with deny by label PSY", p -> List.of(optIn(p,
                        permit("Practitioner/dr-suzuki", "TREAT").addProvision(PatientRecords.denyLabel(psy)))),
                        Map.of(Reader.PHYSICIAN, Set.of(Item.PATIENT, Item.VITALS, Item.LAB))),
                new State("permit that names the restricted label", p -> {
                    Consent consent = optIn(p, permit("Practitioner/dr-suzuki", "TREAT"));
                    consent.getProvision().addProvision(permit("Practitioner/dr-suzuki", "TREAT").addSecurityLabel(restricted));
                    return List.of(consent);
                }, Map.of(Reader.PHYSICIAN, Set.of(Item.values()))),
                new State("permit for another practitioner", p -> List.of(optIn(p, permit("Practitioner/dr-sato", "TREAT"))),
                        Map.of(Reader.OTHER_PHYSICIAN, ALL_BUT_RESTRICTED)),
                new State("permit for another organization", p -> List.of(
                        optIn(p, permit("Organization/wakamatsu-hospital", "TREAT"))),
                        Map.of(Reader.OTHER_PHYSICIAN, ALL_BUT_RESTRICTED)),
                new State("permit for research only (purpose mismatch)",
                        p -> List.of(optIn(p, permit("Practitioner/dr-suzuki", "HRESCH"))), Map.of()),
                new State("pharmacy organization, vital signs only", p -> List.of(optIn(p,
                        permit("Organization/aizu-pharmacy", "TREAT").addCode(new org.hl7.fhir.r4.model.CodeableConcept(
                                new Coding(PatientRecords.OBSERVATION_CATEGORY, "vital-signs", null))))),
                        Map.of(Reader.PHARMACIST, Set.of(Item.VITALS))),
                new State("opt-in for the city platform", p -> List.of(optIn(p, permit("Organization/city-platform", "PUBHLTH"))),
                        Map.of(Reader.CITY_BROKER, ALL_BUT_RESTRICTED)));
    }

    @TestFactory
    Stream<DynamicNode> eachReaderSeesExactlyWhatTheConsentsAllowOnEveryPath() {
        PatientRecords records = new PatientRecords(daos);
        return states().stream().map(state -> {
            PatientRecords.Record record = records.newRecord();
            state.consents().apply(record.patient()).forEach(records::store);
            List<DynamicNode> readers = new ArrayList<>();
            for (Reader reader : Reader.values()) {
                Set<Item> visible = state.visible().getOrDefault(reader, Set.of());
                readers.add(DynamicContainer.dynamicContainer(reader.name(), paths(record, reader, visible)));
            }
            return DynamicContainer.dynamicContainer(state.name(), readers);
        });
    }

    private Stream<DynamicTest> paths(PatientRecords.Record record, Reader reader, Set<Item> visible) {
        Map<Item, String> refs = new EnumMap<>(Item.class);
        refs.put(Item.PATIENT, record.patient());
        refs.put(Item.VITALS, record.vitals());
        refs.put(Item.LAB, record.lab());
        refs.put(Item.PSY, record.psy());
        refs.put(Item.SECRET, record.secret());
        Set<String> visibleRefs = new LinkedHashSet<>();
        visible.forEach(i -> visibleRefs.add(refs.get(i)));
        Set<String> visibleObservations = new LinkedHashSet<>(visibleRefs);
        visibleObservations.remove(record.patient());
        String patientSearch = "Observation?patient=" + record.patient();

        if (reader == Reader.DEVICE_GATEWAY) {
            return Stream.of(DynamicTest.dynamicTest("reads nothing, on any path", () -> {
                for (String path : List.of(record.vitals(), patientSearch, record.patient() + "/$everything",
                        record.vitals() + "/_history")) {
                    assertThat(fhir.get(path, reader.token()).status()).as(path).isEqualTo(403);
                }
            }));
        }
        return Stream.of(
                DynamicTest.dynamicTest("read", () -> {
                    for (Map.Entry<Item, String> item : refs.entrySet()) {
                        Response response = fhir.get(item.getValue(), reader.token());
                        if (visible.contains(item.getKey())) {
                            assertThat(response.status()).as(item.getValue()).isEqualTo(200);
                        } else {
                            assertLooksMissing(response, item.getValue(), reader);
                        }
                    }
                }),
                DynamicTest.dynamicTest("search", () -> assertFinds(fhir.get(patientSearch, reader.token()), visibleObservations)),
                DynamicTest.dynamicTest("search with _total=accurate", () ->
                        assertFinds(fhir.get(patientSearch + "&_total=accurate", reader.token()), visibleObservations)),
                DynamicTest.dynamicTest("_include", () -> {
                    Bundle bundle = ok(fhir.get(patientSearch + "&_include=Observation:subject", reader.token()));
                    Set<String> expected = new LinkedHashSet<>(visibleObservations);
                    if (!visibleObservations.isEmpty() && visible.contains(Item.PATIENT)) {
                        expected.add(record.patient());
                    }
                    assertThat(references(bundle)).containsExactlyInAnyOrderElementsOf(expected);
                }),
                DynamicTest.dynamicTest("_revinclude", () -> {
                    Bundle bundle = ok(fhir.get("Patient?_id=" + record.patientId() + "&_revinclude=Observation:subject", reader.token()));
                    Set<String> expected = visible.contains(Item.PATIENT) ? visibleRefs : Set.of();
                    assertThat(references(bundle)).containsExactlyInAnyOrderElementsOf(expected);
                }),
                DynamicTest.dynamicTest("_history", () -> {
                    Response response = fhir.get(record.vitals() + "/_history", reader.token());
                    if (visible.contains(Item.VITALS)) {
                        assertThat(ok(response).getEntry()).isNotEmpty();
                    } else {
                        assertLooksMissing(response, record.vitals(), reader);
                    }
                }),
                DynamicTest.dynamicTest("$everything", () -> {
                    Response response = fhir.get(record.patient() + "/$everything", reader.token());
                    if (!reader.consentGoverned()) {
                        assertThat(response.status()).isEqualTo(403);
                        return;
                    }
                    Set<String> found = new LinkedHashSet<>(references(ok(response)));
                    found.removeIf(r -> !r.startsWith("Patient/") && !r.startsWith("Observation/"));
                    assertThat(found).containsExactlyInAnyOrderElementsOf(visibleRefs);
                }),
                DynamicTest.dynamicTest("batch GET entries", () -> {
                    Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
                    List<String> asked = List.of(record.vitals(), record.lab(), record.secret());
                    asked.forEach(ref -> batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(ref));
                    Bundle answer = ok(fhir.post("", reader.token(), batch));
                    for (int i = 0; i < asked.size(); i++) {
                        String status = answer.getEntry().get(i).getResponse().getStatus();
                        assertThat(status).as(asked.get(i)).startsWith(visibleRefs.contains(asked.get(i)) ? "200" : "404");
                    }
                }),
                DynamicTest.dynamicTest("page 2", () -> {
                    Set<String> seen = new LinkedHashSet<>();
                    Bundle page = ok(fhir.get(patientSearch + "&_count=1", reader.token()));
                    assertThat(page.getTotal()).isEqualTo(visibleObservations.size());
                    while (true) {
                        seen.addAll(references(page));
                        if (page.getLink("next") == null) {
                            break;
                        }
                        assertThat(page.getEntry()).as("every page but the last is full").hasSize(1);
                        page = ok(fhir.follow(page.getLink("next").getUrl(), reader.token()));
                    }
                    assertThat(seen).containsExactlyInAnyOrderElementsOf(visibleObservations);
                }));
    }

    private void assertLooksMissing(Response response, String reference, Reader reader) {
        Response missing = fhir.get(reference.substring(0, reference.indexOf('/')) + "/does-not-exist-" + reference.hashCode(),
                reader.token());
        assertThat(response.status()).as(reference).isEqualTo(404);
        assertThat(response.diagnostics().replace(reference.substring(reference.indexOf('/') + 1), "ID"))
                .isEqualTo(missing.diagnostics().replace("does-not-exist-" + reference.hashCode(), "ID"));
    }

    private static void assertFinds(Response response, Set<String> expected) {
        Bundle bundle = ok(response);
        assertThat(references(bundle)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(bundle.getTotal()).as("Bundle.total counts only what the reader may see").isEqualTo(expected.size());
    }

    private static Bundle ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.bundle();
    }

    static List<String> references(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(Bundle.BundleEntryComponent::hasResource)
                .filter(e -> !"OperationOutcome".equals(e.getResource().fhirType()))
                .map(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart())
                .toList();
    }
}

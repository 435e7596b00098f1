package org.phrhub.fhirserver.bulkstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.hl7v2.model.Message;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.audit.AuditEventFactory;
import org.phrhub.consent.audit.DataKind;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.ingest.StorageTrees;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.ingest.ssmix2.map.DataTypeMapper;
import org.phrhub.ingest.ssmix2.map.MappingContext;
import org.phrhub.ingest.ssmix2.map.Ssmix2Mappers;
import org.phrhub.ingest.ssmix2.storage.StorageFile;
import org.phrhub.ingest.ssmix2.storage.StorageTree;
import org.phrhub.synthetic.ssmix2.SyntheticBundles;
import org.phrhub.synthetic.ssmix2.SyntheticHistory;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.phrhub.vocabulary.DataSourceTags;
import org.phrhub.vocabulary.JpCore;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Holds {@link NewResourceWriter} to HAPI: the same resources are stored once through HAPI's own transaction
 * and once by the writer, under the same ids, and every row of every table they touch must come out the same,
 * column by column (keys and times of storing aside, which differ by nature). The resources are what hospitals
 * send: the real SS-MIX2 sample storage and synthetic extended storage mapped as the import maps them, generated
 * hospital bundles, and resources that use what the import does not (security labels, profiles, meta extensions,
 * contained resources, versioned references, coordinates, attachments, user-selected tags).
 */
class NewResourceWriterEquivalenceTest extends FhirServerIntegrationTest {

    /** Tables that hold a new resource's rows, each with the column that names the resource. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("hfj_resource", "res_id");
        TABLES.put("hfj_res_ver", "res_id");
        TABLES.put("hfj_res_tag", "res_id");
        TABLES.put("hfj_history_tag", "res_id");
        for (String index : List.of("token", "string", "date", "quantity", "quantity_nrml", "uri", "number", "coords")) {
            TABLES.put("hfj_spidx_" + index, "res_id");
        }
        TABLES.put("hfj_res_link", "src_resource_id");
        TABLES.put("hfj_res_param_present", "res_id");
        TABLES.put("hfj_idx_cmb_tok_nu", "res_id");
        TABLES.put("hfj_idx_cmp_string_uniq", "res_id");
        TABLES.put("hfj_res_search_url", "res_id");
    }

    /** Surrogate keys, which each write draws afresh. */
    private static final Set<String> KEYS = Set.of("pid", "sp_id");
    /** When the row was stored: set by both, never the same instant. */
    private static final Set<String> TIMES = Set.of("res_published", "res_updated", "sp_updated", "created_time");
    /** Columns that hold a resource's key, shown as the resource's type and id. */
    private static final Set<String> RESOURCE_KEYS = Set.of("res_id", "src_resource_id", "target_resource_id");

    @Autowired
    private NewResourceWriter writer;

    @Autowired
    private IFhirSystemDao<Bundle, ?> system;

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private HapiTransactionService transactions;

    @Autowired
    private MemoryCacheService caches;

    @Autowired
    private DataSource dataSource;

    @Test
    void rowsWrittenForNewResourcesAreTheRowsHapiWritesColumnByColumn() throws Exception {
        String run = "eq" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = storedDirectoryData(run);
        List<Resource> resources = new ArrayList<>();
        resources.addAll(mappedSampleStorage(run, patient));
        resources.addAll(hospitalBundles(run, patient));
        resources.addAll(edgeCases(run, patient));
        assertThat(resources).hasSizeGreaterThan(60);
        Set<String> types = resources.stream().map(Resource::fhirType).collect(Collectors.toSet());
        assertThat(types).contains("Observation", "MedicationRequest", "Condition", "AllergyIntolerance", "Encounter",
                "Patient", "Provenance", "Location", "DocumentReference", "Practitioner", "Organization", "AuditEvent");

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            String reference = resource.getIdElement().toUnqualifiedVersionless().getValue();
            transaction.addEntry().setFullUrl(reference).setResource(resource.copy())
                    .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(reference);
        }
        Map<String, Long> beforeHapi = rowCounts();
        system.transaction(new SystemRequestDetails(), transaction);
        Map<String, Long> hapiWrote = growth(beforeHapi, rowCounts());
        Map<String, List<String>> writtenByHapi = rowsOf(resources);
        assertThat(writtenByHapi.get("hfj_resource")).hasSize(resources.size());
        assertThat(writtenByHapi.get("hfj_spidx_token")).isNotEmpty();
        assertThat(writtenByHapi.get("hfj_spidx_coords")).as("the Location's position").isNotEmpty();
        assertThat(writtenByHapi.get("hfj_history_tag")).as("tags per version").isNotEmpty();

        removeRows(resources);
        caches.invalidateAllCaches();
        List<Resource> copies = resources.stream().map(Resource::copy).toList();
        Map<String, Long> beforeWriter = rowCounts();
        transactions.withSystemRequest().execute(() -> {
            writer.create(new ArrayList<>(copies), new SystemRequestDetails());
            return null;
        });
        Map<String, Long> writerWrote = growth(beforeWriter, rowCounts());
        Map<String, List<String>> writtenDirectly = rowsOf(resources);

        for (String table : TABLES.keySet()) {
            assertThat(writtenDirectly.get(table)).as(table).containsExactlyElementsOf(writtenByHapi.get(table));
        }
        assertThat(writerWrote).as("rows added, table by table").isEqualTo(hapiWrote);
        assertThat(copies).allSatisfy(resource -> assertThat(resource.getIdElement().getVersionIdPart()).isEqualTo("1"));
    }

    @Test
    void resourcesWrittenDirectlyAreReadSearchedUpdatedAndDeletedByHapiAsAnyOther() {
        String run = "eq" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = storedDirectoryData(run);
        Observation creatinine = observation(run + "-creatinine", patient);
        creatinine.getMeta().addTag(DataSourceTags.SYSTEM, DataSourceTags.EHR, null).setSource("urn:test:hospital");
        Observation other = observation(run + "-other", patient);
        other.setCode(new CodeableConcept(new Coding("http://loinc.org", "718-7", "Hemoglobin")));
        transactions.withSystemRequest().execute(() -> {
            writer.create(List.of(creatinine.copy(), other.copy()), new SystemRequestDetails());
            return null;
        });

        var observations = daos.getResourceDao(Observation.class);
        Observation read = observations.read(creatinine.getIdElement(), new SystemRequestDetails());
        assertThat(read.getIdElement().getVersionIdPart()).isEqualTo("1");
        assertThat(read.getCode().getText()).isEqualTo("クレアチニン");
        assertThat(read.getMeta().getTag(DataSourceTags.SYSTEM, DataSourceTags.EHR)).isNotNull();
        assertThat(read.getMeta().getSource()).isEqualTo("urn:test:hospital");

        var search = new ca.uhn.fhir.jpa.searchparam.SearchParameterMap().setLoadSynchronous(true)
                .add("subject", new ca.uhn.fhir.rest.param.ReferenceParam(patient.getIdElement().toUnqualifiedVersionless().getValue()))
                .add("code", new ca.uhn.fhir.rest.param.TokenParam("http://loinc.org", "2160-0"))
                .add("_tag", new ca.uhn.fhir.rest.param.TokenParam(DataSourceTags.SYSTEM, DataSourceTags.EHR));
        assertThat(observations.search(search, new SystemRequestDetails()).getAllResourceIds())
                .containsExactly(creatinine.getIdElement().getIdPart());

        read.setStatus(Observation.ObservationStatus.AMENDED);
        assertThat(observations.update(read, new SystemRequestDetails()).getId().getVersionIdPart()).isEqualTo("2");
        assertThat(observations.history(read.getIdElement(), null, null, null, new SystemRequestDetails()).size()).isEqualTo(2);
        observations.delete(other.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
        assertThatThrownBy(() -> observations.read(other.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails()))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceGoneException.class);
    }

    @Test
    void aResourceWithoutAnIdGetsTheIdHapiWouldAssign() {
        String run = "eq" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = storedDirectoryData(run);
        Observation observation = observation(run + "-unused", patient);
        observation.setIdElement(null);
        transactions.withSystemRequest().execute(() -> {
            writer.create(List.of(observation), new SystemRequestDetails());
            return null;
        });

        String assigned = observation.getIdElement().getIdPart();
        assertThat(assigned).as("the resource's key, as HAPI assigns ids with its default strategy").matches("[0-9]+");
        assertThat(daos.getResourceDao(Observation.class).read(new org.hl7.fhir.r4.model.IdType("Observation", assigned),
                new SystemRequestDetails()).getCode().getText()).isEqualTo("クレアチニン");
    }

    /** HAPI's tables that a write of resources may add rows to, with their number of rows. */
    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getTables(null, null, "hfj_%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME").toLowerCase());
                }
            }
            // Shared by every write and filled once (tag definitions, parameter identities, the latter in the
            // background), or a search's own bookkeeping.
            tables.removeAll(List.of("hfj_tag_def", "hfj_spidx_identity", "hfj_search", "hfj_search_result", "hfj_search_include"));
            for (String table : tables) {
                try (PreparedStatement statement = connection.prepareStatement("select count(*) from " + table);
                        ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> growth = new TreeMap<>();
        after.forEach((table, count) -> {
            long added = count - before.getOrDefault(table, 0L);
            if (added != 0) {
                growth.put(table, added);
            }
        });
        return growth;
    }

    @Test
    void aReferenceToAResourceThatDoesNotExistIsRefusedInHapisWordsAndNothingIsWritten() throws Exception {
        String run = "eq" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = storedDirectoryData(run);
        Observation first = observation(run + "-ok", patient);
        Observation dangling = observation(run + "-dangling", patient);
        dangling.setEncounter(new Reference("Encounter/" + run + "-nowhere"));

        assertThatThrownBy(() -> transactions.withSystemRequest().execute(() -> {
            writer.create(List.of(first, dangling), new SystemRequestDetails());
            return null;
        })).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Resource Encounter/" + run + "-nowhere not found");
        assertThat(rowsOf(List.of(first, dangling)).get("hfj_resource")).isEmpty();
    }

    @Test
    void aReferenceOfATypeTheElementDoesNotAllowIsRefusedAsHapiRefusesIt() {
        String run = "eq" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = storedDirectoryData(run);
        Observation wrong = observation(run + "-wrong", patient);
        wrong.setEncounter(new Reference(patient.getIdElement().toUnqualifiedVersionless().getValue()));

        assertThatThrownBy(() -> transactions.withSystemRequest().execute(() -> {
            writer.create(List.of(wrong), new SystemRequestDetails());
            return null;
        })).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("HAPI-0931: Invalid reference found at path 'Observation.encounter'");
    }

    @Test
    void aResourceThatExistsAlreadyIsNeverOverwritten() throws Exception {
        String run = "eq" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = storedDirectoryData(run);
        Observation stored = observation(run + "-stored", patient);
        daos.getResourceDao(Observation.class).update(stored.copy(), new SystemRequestDetails());
        Observation again = observation(run + "-stored", patient);
        again.setStatus(Observation.ObservationStatus.AMENDED);

        assertThatThrownBy(() -> transactions.withSystemRequest().execute(() -> {
            writer.create(List.of(again), new SystemRequestDetails());
            return null;
        })).isInstanceOf(RuntimeException.class);
        Observation read = daos.getResourceDao(Observation.class).read(stored.getIdElement(), new SystemRequestDetails());
        assertThat(read.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(read.getIdElement().getVersionIdPart()).isEqualTo("1");
    }

    /** A resident, a hospital and a doctor, stored through HAPI as the directory and enrolment store them. */
    private Patient storedDirectoryData(String run) {
        Patient patient = new Patient();
        patient.setId(run + "-resident");
        patient.addName().setFamily("ヤマダ").addGiven("ハナコ");
        daos.getResourceDao(Patient.class).update(patient, new SystemRequestDetails());
        Organization hospital = new Organization().setName("会津中央病院");
        hospital.setId(run + "-hospital");
        daos.getResourceDao(Organization.class).update(hospital, new SystemRequestDetails());
        return patient;
    }

    /** Every file of the real sample storage and the synthetic extended storage, mapped as the import maps it. */
    private List<Resource> mappedSampleStorage(String run, Patient patient) throws Exception {
        Ssmix2Mappers mappers = Ssmix2Mappers.standard();
        Ssmix2MessageReader reader = new Ssmix2MessageReader();
        List<Resource> resources = new ArrayList<>();
        int unit = 0;
        for (var root : List.of(StorageTrees.sample(), StorageTrees.synthetic())) {
            for (StorageTree.Entry entry : new StorageTree(root).entries()) {
                if (!(entry instanceof StorageTree.Placed placed) || placed.file().name().deleted()) {
                    continue;
                }
                StorageFile file = placed.file();
                var mapper = mappers.forDataType(file.name().dataType());
                if (mapper.isEmpty()) {
                    continue;
                }
                Message message = reader.read(Files.readAllBytes(file.path()));
                List<Resource> mapped = map(mapper.get(), message, file, patient);
                resources.addAll(withIds(run + "-u" + unit++, mapped, patient));
            }
        }
        return resources;
    }

    private static List<Resource> map(DataTypeMapper mapper, Message message, StorageFile file, Patient patient) throws Exception {
        return mapper.map(message, new MappingContext("1399999901", file.name(),
                new Reference(patient.getIdElement().toUnqualifiedVersionless().getValue())));
    }

    /** Two residents' generated hospital bundles: encounters, conditions, laboratory results, prescriptions. */
    private static List<Resource> hospitalBundles(String run, Patient patient) {
        List<Resource> resources = new ArrayList<>();
        List<Bundle> bundles = SyntheticBundles.bundles(SyntheticResident.residents(2, 42),
                SyntheticHistory.monthly(LocalDate.of(2024, 4, 1), 2, 42), "1300000001");
        int unit = 0;
        for (Bundle bundle : bundles) {
            Map<String, String> ids = new HashMap<>();
            List<Resource> records = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Patient) {
                    ids.put(entry.getFullUrl(), patient.getIdElement().toUnqualifiedVersionless().getValue());
                } else {
                    Resource resource = entry.getResource();
                    ids.put(entry.getFullUrl(), resource.fhirType() + "/" + run + "-b" + unit + "-" + records.size());
                    records.add(resource);
                }
            }
            for (Resource resource : records) {
                resource.setId(ids.get(bundle.getEntry().stream().filter(e -> e.getResource() == resource).findFirst()
                        .orElseThrow().getFullUrl()));
                pointReferences(resource, ids);
            }
            resources.addAll(records);
            unit++;
        }
        return resources;
    }

    /** What the import does not send but a hospital's bundle may: the rest of what the writer has to get right. */
    private static List<Resource> edgeCases(String run, Patient patient) {
        String subject = patient.getIdElement().toUnqualifiedVersionless().getValue();
        Practitioner doctor = new Practitioner();
        doctor.setId(run + "-doctor");
        doctor.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.41").setValue("123456");
        doctor.addName().setFamily("鈴木").addGiven("一郎").addExtension(JpCore.NAME_REPRESENTATION_EXTENSION, new CodeType("IDE"));
        doctor.getMeta().addTag().setSystem("urn:test:tags").setCode("selected").setUserSelected(true);

        Observation labelled = observation(run + "-labelled", patient);
        labelled.getMeta().addSecurity().setSystem("http://terminology.hl7.org/CodeSystem/v3-Confidentiality").setCode("R");
        labelled.getMeta().addProfile("http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_LabResult");
        labelled.getMeta().addTag(DataSourceTags.SYSTEM, DataSourceTags.EHR, "Hospital record (regional EHR)");
        labelled.getMeta().addTag("urn:test:tags", "b-second", null);
        labelled.getMeta().addTag("urn:test:tags", "a-first", null);
        labelled.getMeta().setSource("urn:ssmix2:1399999901/000/000/0000001#request-7");
        labelled.setValue(new Quantity().setValue(new BigDecimal("6.25")).setUnit("mg/dL").setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
        labelled.addPerformer(new Reference("Practitioner/" + run + "-doctor"));

        Observation withMetaExtension = observation(run + "-metaext", patient);
        withMetaExtension.getMeta().addExtension("urn:test:meta-note", new StringType("kept in the text"));
        withMetaExtension.getMeta().addTag(DataSourceTags.SYSTEM, DataSourceTags.EHR, null);
        withMetaExtension.setEffective(new DateTimeType("2024-05"));
        withMetaExtension.setDerivedFrom(List.of(new Reference("Observation/" + run + "-labelled/_history/1")));

        MedicationRequest prescription = new MedicationRequest();
        prescription.setId(run + "-prescription");
        prescription.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER).setSubject(new Reference(subject));
        Medication drug = new Medication();
        drug.setId("drug");
        drug.getCode().addCoding(new Coding("urn:oid:1.2.392.100495.20.2.74", "620000033", "ムコダイン錠２５０ｍｇ"));
        prescription.addContained(drug);
        prescription.setMedication(new Reference("#drug"));
        prescription.setAuthoredOnElement(new DateTimeType("2024-04-01T09:30:00+09:00"));

        Location clinic = new Location().setName("会津オンライン診療室");
        clinic.setId(run + "-clinic");
        clinic.getPosition().setLatitude(new BigDecimal("37.4947")).setLongitude(new BigDecimal("139.9298"));

        DocumentReference letter = new DocumentReference();
        letter.setId(run + "-letter");
        letter.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT).setSubject(new Reference(subject));
        letter.setDate(new Date(1_712_000_000_000L));
        letter.addContent().setAttachment(new Attachment().setContentType("application/pdf").setUrl("urn:test:letter.pdf")
                .setTitle("診療情報提供書"));

        Patient hospitalPatient = new Patient();
        hospitalPatient.setId(run + "-hospital-patient");
        hospitalPatient.addIdentifier(new Identifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11399999901").setValue("0000001"));
        hospitalPatient.addName().setFamily("山田").addGiven("花子");
        hospitalPatient.setBirthDateElement(new DateType("1948-04-05"));
        hospitalPatient.setManagingOrganization(new Reference("Organization/" + run + "-hospital"));

        Organization department = new Organization().setName("内科");
        department.setId(run + "-department");
        department.addIdentifier().setSystem(JpCore.INSTITUTION_CODE).setValue("1399999901-01");
        department.setPartOf(new Reference("Organization/" + run + "-hospital"));
        department.addAlias("Internal Medicine");

        Provenance provenance = new Provenance();
        provenance.setId(run + "-provenance");
        for (String target : List.of("Observation/" + run + "-labelled", "Observation/" + run + "-metaext",
                "MedicationRequest/" + run + "-prescription", "DocumentReference/" + run + "-letter")) {
            provenance.addTarget(new Reference(target));
        }
        provenance.addTarget(new Reference(subject));
        provenance.setRecorded(new Date(1_712_000_000_000L));
        provenance.addAgent().setWho(new Reference("Organization/" + run + "-hospital"));
        // The access log's entries, as the consent layer records a doctor's search and a refused read.
        AuditEventFactory audit = new AuditEventFactory();
        Reader reader = new Reader(new Requester("kc-suzuki", "telehealth-bridge",
                Optional.of(FhirUser.parse("Practitioner/dr-suzuki")), Set.of(HubRole.PHYSICIAN)), Set.of("Practitioner/dr-suzuki"), "TREAT");
        AuditEvent searched = audit.build(reader, "search-type", "GET Observation?subject=" + subject, subject, true, Set.of(),
                false, null, Set.of(new DataKind("Observation", Optional.of("laboratory"))), new Date(1_712_000_000_000L));
        searched.setId(run + "-audit-permit");
        AuditEvent refused = audit.build(reader, "read", "GET " + subject, subject, false, Set.of(), false, null,
                Set.of(new DataKind("Patient", Optional.empty())), new Date(1_712_000_100_000L));
        refused.setId(run + "-audit-deny");

        List<Resource> resources = List.of(doctor, labelled, withMetaExtension, prescription, clinic, letter, hospitalPatient,
                department, provenance, searched, refused);
        resources.forEach(resource -> resource.setId(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
        return resources;
    }

    private static Observation observation(String id, Patient patient) {
        Observation observation = new Observation();
        observation.setId("Observation/" + id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "2160-0", "Creatinine")).setText("クレアチニン"));
        observation.setSubject(new Reference(patient.getIdElement().toUnqualifiedVersionless().getValue()));
        observation.setEffective(new DateTimeType("2024-04-05T11:54:00+09:00"));
        return observation;
    }

    /** The mapped resources under ids of this run, their placeholders replaced, as the import does. */
    private static List<Resource> withIds(String prefix, List<Resource> mapped, Patient patient) {
        Map<String, String> ids = new HashMap<>();
        int n = 0;
        for (Resource resource : mapped) {
            String id = resource.fhirType() + "/" + prefix + "-" + n++;
            if (resource.getIdElement().getValue() != null) {
                ids.put(resource.getIdElement().getValue(), id);
            }
            resource.setId(id);
        }
        mapped.forEach(resource -> pointReferences(resource, ids));
        return mapped;
    }

    private static void pointReferences(Resource resource, Map<String, String> ids) {
        for (Reference reference : ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser()
                .getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = ids.get(reference.getReference());
            if (target != null) {
                reference.setReference(target);
            }
        }
    }

    /** Each table's rows of these resources, as sorted lines of column=value, keys and times of storing masked. */
    private Map<String, List<String>> rowsOf(List<Resource> resources) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<Long, String> names = resourceNames(connection, resources);
            Map<Long, String> allNames = new HashMap<>(names);
            Map<Long, String> versions = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("select pid, res_id, res_ver from hfj_res_ver")) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        versions.put(rows.getLong(1), rows.getLong(2) + "/_history/" + rows.getLong(3));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("select res_id, res_type, fhir_id from hfj_resource")) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        allNames.put(rows.getLong(1), rows.getString(2) + "/" + rows.getString(3));
                    }
                }
            }
            Map<String, List<String>> byTable = new LinkedHashMap<>();
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                List<String> lines = new ArrayList<>();
                if (!names.isEmpty()) {
                    String keys = names.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
                    try (PreparedStatement statement = connection.prepareStatement(
                            "select * from " + table.getKey() + " where " + table.getValue() + " in (" + keys + ")");
                            ResultSet rows = statement.executeQuery()) {
                        ResultSetMetaData columns = rows.getMetaData();
                        while (rows.next()) {
                            Map<String, String> line = new TreeMap<>();
                            for (int c = 1; c <= columns.getColumnCount(); c++) {
                                String column = columns.getColumnName(c).toLowerCase();
                                Object value = rows.getObject(c);
                                line.put(column, shown(column, value, allNames, versions));
                            }
                            lines.add(line.toString());
                        }
                    }
                }
                lines.sort(null);
                byTable.put(table.getKey(), lines);
            }
            return byTable;
        }
    }

    private static String shown(String column, Object value, Map<Long, String> names, Map<Long, String> versions) {
        if (value == null) {
            return "null";
        }
        if (KEYS.contains(column)) {
            return "<key>";
        }
        if (TIMES.contains(column)) {
            return "<when stored>";
        }
        if (RESOURCE_KEYS.contains(column)) {
            return names.getOrDefault(((Number) value).longValue(), "<unknown " + value + ">");
        }
        if (column.equals("res_ver_pid")) {
            String version = versions.get(((Number) value).longValue());
            String[] parts = version.split("/", 2);
            return names.get(Long.parseLong(parts[0])) + "/" + parts[1];
        }
        return String.valueOf(value);
    }

    private static Map<Long, String> resourceNames(Connection connection, List<Resource> resources) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select res_id from hfj_resource where res_type = ? and fhir_id = ?")) {
            for (Resource resource : resources) {
                statement.setString(1, resource.fhirType());
                statement.setString(2, resource.getIdElement().getIdPart());
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        names.put(rows.getLong(1), resource.fhirType() + "/" + resource.getIdElement().getIdPart());
                    }
                }
            }
        }
        return names;
    }

    /** Takes HAPI's rows of these resources out again, so that the writer can store the same ids afresh. */
    private void removeRows(List<Resource> resources) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String keys = resourceNames(connection, resources).keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
            List<String> deletes = new ArrayList<>();
            deletes.add("delete from hfj_res_link where src_resource_id in (" + keys + ") or target_resource_id in (" + keys + ")");
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                if (!Set.of("hfj_res_link", "hfj_res_ver", "hfj_resource").contains(table.getKey())) {
                    deletes.add("delete from " + table.getKey() + " where " + table.getValue() + " in (" + keys + ")");
                }
            }
            deletes.add("delete from hfj_res_ver where res_id in (" + keys + ")");
            deletes.add("delete from hfj_resource where res_id in (" + keys + ")");
            for (String delete : deletes) {
                try (PreparedStatement statement = connection.prepareStatement(delete)) {
                    statement.executeUpdate();
                }
            }
        }
    }
}

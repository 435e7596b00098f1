package org.phrhub.synthetic.ssmix2;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.codesystems.AllergyintoleranceClinical;
import org.hl7.fhir.r4.model.codesystems.AllergyintoleranceVerification;
import org.hl7.fhir.r4.model.codesystems.ConditionCategory;
import org.hl7.fhir.r4.model.codesystems.ConditionClinical;
import org.hl7.fhir.r4.model.codesystems.ConditionVerStatus;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Allergy;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Diagnosis;
import org.phrhub.synthetic.ssmix2.ResidentHistory.LabResult;
import org.phrhub.synthetic.ssmix2.ResidentHistory.PrescribedDrug;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Prescription;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Visit;
import org.phrhub.synthetic.ssmix2.ResidentHistory.VitalSigns;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Allergen;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Disease;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Drug;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.LabTest;
import org.phrhub.vocabulary.FhirCore;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Ucum;

/**
 * The same residents' histories as {@link SyntheticStorage} writes, as FHIR R4 transaction Bundles, one per
 * resident (as Synthea writes them): the Patient with the hospital's patient number, an Encounter per visit,
 * the Condition, the AllergyIntolerances, and per visit the vital-sign and laboratory Observations and one
 * MedicationRequest per drug. Entries have {@code urn:uuid:} full URLs (name-based UUIDs of the business
 * identifier, so the same history gives the same Bundle), reference each other by them, and are POSTed with
 * {@code ifNoneExist} on their business identifier, so that loading a Bundle twice creates nothing new.
 */
public final class SyntheticBundles {

    /** Business identifiers of everything but the Patient: this prefix, the institution code, the type. */
    public static final String IDENTIFIER_PREFIX = "https://phr-hub.example/fhir/sid/synthetic/";
    private static final String TIME_ZONE = "+09:00";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private SyntheticBundles() {}

    /** The identifier system of synthetic records of {@code type} (e.g. {@code encounter}) at the institution. */
    public static String identifierSystem(String institutionCode, String type) {
        return IDENTIFIER_PREFIX + institutionCode + "/" + type;
    }

    /** Generates the residents' histories by {@code plan}: one Bundle per resident, in their order. */
    public static List<Bundle> bundles(List<SyntheticResident> residents, SyntheticHistory plan, String institutionCode) {
        return plan.of(residents).stream().map(history -> bundle(history, institutionCode)).toList();
    }

    /** One resident's history at the hospital with this 10-digit institution code, as a transaction. */
    public static Bundle bundle(ResidentHistory history, String institutionCode) {
        if (institutionCode == null || !institutionCode.matches("\\d{10}")) {
            throw new IllegalArgumentException("institution code must be 10 digits: " + institutionCode);
        }
        return new Writer(history, institutionCode).bundle();
    }

    private static final class Writer {
        private final ResidentHistory history;
        private final String institution;
        private final Bundle bundle = new Bundle();
        private final String patientNumber;
        private Reference patient;

        Writer(ResidentHistory history, String institution) {
            this.history = history;
            this.institution = institution;
            this.patientNumber = history.resident().patientNumber();
        }

        Bundle bundle() {
            bundle.setType(Bundle.BundleType.TRANSACTION);
            bundle.setIdentifier(new Identifier().setSystem(identifierSystem(institution, "bundle")).setValue(patientNumber));
            bundle.setTimestampElement(new InstantType(MILLIS.format(history.lastRecorded()) + TIME_ZONE));
            patient = add(patient(), new Identifier().setSystem(JpCore.patientNumberSystem(institution)).setValue(patientNumber));
            List<Reference> encounters = new ArrayList<>();
            for (Visit visit : history.visits()) {
                encounters.add(add(encounter(visit), identifier("encounter", patientNumber + "/" + visit.number())));
            }
            Diagnosis diagnosis = history.diagnosis();
            add(condition(diagnosis, encounters.getFirst()), identifier("condition", diagnosis.problemId()));
            for (Allergy allergy : history.allergies().allergies()) {
                add(allergy(allergy), identifier("allergy-intolerance", patientNumber + "/" + allergy.setId()));
            }
            for (int i = 0; i < history.visits().size(); i++) {
                Visit visit = history.visits().get(i);
                Reference encounter = encounters.get(i);
                vitalSigns(visit.vitalSigns(), encounter);
                for (LabResult result : visit.labPanel().results()) {
                    add(labResult(visit, result, encounter),
                            identifier("observation", visit.labPanel().orderNumber() + "/" + result.setId()));
                }
                boolean last = i == history.visits().size() - 1;
                Prescription prescription = visit.prescription();
                for (PrescribedDrug line : prescription.drugs()) {
                    add(medicationRequest(visit, line, encounter, last), identifier("medication-request",
                            prescription.orderNumber() + "/" + line.rp() + "/" + line.lineInRp()));
                }
            }
            return bundle;
        }

        private Identifier identifier(String type, String value) {
            return new Identifier().setSystem(identifierSystem(institution, type)).setValue(value);
        }

        /** Adds the resource with its business identifier; returns the reference to its entry. */
        private Reference add(Resource resource, Identifier identifier) {
            String type = resource.fhirType();
            switch (resource) {
                case Patient p -> p.getIdentifier().addFirst(identifier);
                case Encounter e -> e.getIdentifier().addFirst(identifier);
                case Condition c -> c.getIdentifier().addFirst(identifier);
                case AllergyIntolerance a -> a.getIdentifier().addFirst(identifier);
                case Observation o -> o.getIdentifier().addFirst(identifier);
                case MedicationRequest m -> m.getIdentifier().addFirst(identifier);
                default -> throw new IllegalArgumentException("no business identifier for " + type);
            }
            String uuid = UUID.nameUUIDFromBytes((type + "|" + identifier.getSystem() + "|" + identifier.getValue())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            String fullUrl = "urn:uuid:" + uuid;
            bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl(type)
                    // The value URL-encoded, as a client sends it: some end in "2+3", and a bare "+" reads as a space.
                    .setIfNoneExist("identifier=" + identifier.getSystem() + "|"
                            + java.net.URLEncoder.encode(identifier.getValue(), StandardCharsets.UTF_8));
            return new Reference(fullUrl);
        }

        private Patient patient() {
            SyntheticResident resident = history.resident();
            Patient patient = new Patient();
            patient.getMeta().addProfile(JpCore.PATIENT_PROFILE);
            patient.addName(name(resident.familyKanji(), resident.givenKanji(), JpCore.IDEOGRAPHIC));
            patient.addName(name(resident.familyKana(), resident.givenKana(), JpCore.SYLLABIC));
            patient.setGender(resident.gender() == SyntheticResident.Gender.MALE ? AdministrativeGender.MALE
                    : AdministrativeGender.FEMALE);
            patient.setBirthDateElement(new DateType(resident.birthDate().toString()));
            patient.addAddress().setUse(org.hl7.fhir.r4.model.Address.AddressUse.HOME).setText(resident.address())
                    .setPostalCode(resident.postalCode()).setCountry("JP");
            return patient;
        }

        private static HumanName name(String family, String given, String representation) {
            HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given)
                    .setText(family + " " + given);
            name.addExtension(JpCore.NAME_REPRESENTATION_EXTENSION, new CodeType(representation));
            return name;
        }

        private Encounter encounter(Visit visit) {
            Encounter encounter = new Encounter();
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
            encounter.setSubject(patient);
            encounter.setPeriod(new Period().setStartElement(seconds(visit.arrived()))
                    .setEndElement(seconds(visit.ended().withNano(0))));
            encounter.addParticipant().setIndividual(new Reference().setDisplay(
                    visit.doctor().family() + " " + visit.doctor().given()));
            encounter.addType().setText("外来 内科");
            return encounter;
        }

        private Condition condition(Diagnosis diagnosis, Reference encounter) {
            Disease disease = diagnosis.disease();
            Condition condition = new Condition();
            condition.getMeta().addProfile(JpCore.CONDITION_PROFILE);
            condition.setClinicalStatus(concept(ConditionClinical.ACTIVE.getSystem(), ConditionClinical.ACTIVE.toCode(),
                    ConditionClinical.ACTIVE.getDisplay()));
            condition.setVerificationStatus(concept(ConditionVerStatus.CONFIRMED.getSystem(),
                    ConditionVerStatus.CONFIRMED.toCode(), ConditionVerStatus.CONFIRMED.getDisplay()));
            condition.addCategory(concept(ConditionCategory.ENCOUNTERDIAGNOSIS.getSystem(),
                    ConditionCategory.ENCOUNTERDIAGNOSIS.toCode(), ConditionCategory.ENCOUNTERDIAGNOSIS.getDisplay()));
            CodeableConcept code = new CodeableConcept().setText(disease.name());
            disease.keyNumber().ifPresent(key -> code.addCoding(new Coding(JpCore.MEDIS_DISEASE_KEY_NUMBER, key, disease.name())));
            code.addCoding(new Coding(JpCore.MEDIS_DISEASE_EXCHANGE_CODE, disease.exchangeCode(), disease.name()));
            code.addCoding(new Coding(JpCore.ICD10_MHLW, disease.icd10(), null));
            condition.setCode(code);
            condition.setSubject(patient);
            condition.setEncounter(encounter);
            condition.setOnset(day(diagnosis.onset()));
            condition.setRecordedDateElement(seconds(diagnosis.recorded().withNano(0)));
            condition.setAsserter(new Reference().setDisplay(diagnosis.doctor().family() + " " + diagnosis.doctor().given()));
            return condition;
        }

        private AllergyIntolerance allergy(Allergy allergy) {
            Allergen allergen = allergy.allergen();
            AllergyIntolerance resource = new AllergyIntolerance();
            resource.getMeta().addProfile(JpCore.ALLERGY_INTOLERANCE_PROFILE);
            resource.setClinicalStatus(concept(AllergyintoleranceClinical.ACTIVE.getSystem(),
                    AllergyintoleranceClinical.ACTIVE.toCode(), AllergyintoleranceClinical.ACTIVE.getDisplay()));
            resource.setVerificationStatus(concept(AllergyintoleranceVerification.CONFIRMED.getSystem(),
                    AllergyintoleranceVerification.CONFIRMED.toCode(), AllergyintoleranceVerification.CONFIRMED.getDisplay()));
            resource.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
            resource.addCategory(switch (allergen.type()) {
                case "FA" -> AllergyIntolerance.AllergyIntoleranceCategory.FOOD;
                case "DA" -> AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION;
                default -> AllergyIntolerance.AllergyIntoleranceCategory.ENVIRONMENT;
            });
            resource.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.LOW);
            String system = allergen.table().equals("HOT9") ? JpCore.HOT9 : JpCore.JLAC10;
            resource.setCode(new CodeableConcept(new Coding(system, allergen.code(), allergen.name())).setText(allergen.name()));
            resource.setPatient(patient);
            resource.setOnset(new DateTimeType(allergy.onset().toString()));
            resource.setRecordedDateElement(seconds(history.allergies().recorded().withNano(0)));
            AllergyIntolerance.AllergyIntoleranceReactionComponent reaction = resource.addReaction();
            reaction.addManifestation().setText(allergen.reaction());
            reaction.setDescription(allergen.reaction());
            reaction.setSeverity(allergen.severity().equals("MI") ? AllergyIntolerance.AllergyIntoleranceSeverity.MILD
                    : AllergyIntolerance.AllergyIntoleranceSeverity.MODERATE);
            return resource;
        }

        private void vitalSigns(VitalSigns vitals, Reference encounter) {
            String order = vitals.orderNumber();
            add(vitalSign(vitals, encounter, "bodytemp", Loinc.BODY_TEMPERATURE, "Body temperature", null, "体温",
                    quantity(vitals.temperature(), "Cel", "℃")), identifier("observation", order + "/1"));
            add(bloodPressure(vitals, encounter), identifier("observation", order + "/2+3"));
            add(vitalSign(vitals, encounter, "heartrate", Loinc.HEART_RATE, "Heart rate", null, "脈拍数",
                    quantity(BigDecimal.valueOf(vitals.pulse()), "/min", "回/分")), identifier("observation", order + "/4"));
            add(vitalSign(vitals, encounter, "bodyheight", Loinc.BODY_HEIGHT, "Body height", "9N001000000000001", "身長",
                    quantity(vitals.height(), "cm", "cm")), identifier("observation", order + "/5"));
            add(vitalSign(vitals, encounter, "bodyweight", Loinc.BODY_WEIGHT, "Body weight", "9N006000000000001", "体重",
                    quantity(vitals.weight(), "kg", "kg")), identifier("observation", order + "/6"));
        }

        private Observation vitalSignBase(VitalSigns vitals, Reference encounter, String profile, String loinc,
                String display, String jlac10, String text) {
            Observation observation = new Observation();
            observation.getMeta().addProfile(FhirCore.VITAL_SIGNS_PROFILE_PREFIX + profile);
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.addCategory(concept(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS, "Vital Signs"));
            CodeableConcept code = new CodeableConcept(new Coding(Loinc.SYSTEM, loinc, display)).setText(text);
            if (jlac10 != null) {
                code.addCoding(new Coding(JpCore.JLAC10, jlac10, text));
            }
            observation.setCode(code);
            observation.setSubject(patient);
            observation.setEncounter(encounter);
            observation.setEffective(seconds(vitals.measured()));
            observation.setIssuedElement(new InstantType(MILLIS.format(vitals.recorded()) + TIME_ZONE));
            return observation;
        }

        private Observation vitalSign(VitalSigns vitals, Reference encounter, String profile, String loinc, String display,
                String jlac10, String text, Quantity value) {
            Observation observation = vitalSignBase(vitals, encounter, profile, loinc, display, jlac10, text);
            observation.setValue(value);
            return observation;
        }

        private Observation bloodPressure(VitalSigns vitals, Reference encounter) {
            Observation panel = vitalSignBase(vitals, encounter, "bp", Loinc.BLOOD_PRESSURE_PANEL,
                    "Blood pressure panel with all children optional", null, "血圧");
            component(panel, Loinc.SYSTOLIC, "Systolic blood pressure", "9A751000000000001", "収縮期血圧",
                    vitals.systolic(), vitals.systolic() >= 140);
            component(panel, Loinc.DIASTOLIC, "Diastolic blood pressure", "9A761000000000001", "拡張期血圧",
                    vitals.diastolic(), vitals.diastolic() >= 90);
            return panel;
        }

        private static void component(Observation panel, String loinc, String display, String jlac10, String text,
                int value, boolean high) {
            Observation.ObservationComponentComponent component = panel.addComponent();
            component.setCode(new CodeableConcept(new Coding(Loinc.SYSTEM, loinc, display))
                    .addCoding(new Coding(JpCore.JLAC10, jlac10, text)).setText(text));
            component.setValue(quantity(BigDecimal.valueOf(value), "mm[Hg]", "mmHg"));
            if (high) {
                component.addInterpretation(concept(Hl7Terminology.OBSERVATION_INTERPRETATION, "H", "High"));
            }
        }

        private Observation labResult(Visit visit, LabResult result, Reference encounter) {
            LabTest test = result.test();
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.addCategory(concept(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.LABORATORY, "Laboratory"));
            observation.setCode(new CodeableConcept(new Coding(JpCore.JLAC10, test.jlac10(), test.name())).setText(test.name()));
            observation.setSubject(patient);
            observation.setEncounter(encounter);
            observation.setEffective(seconds(visit.labPanel().collected()));
            observation.setIssuedElement(new InstantType(MILLIS.format(visit.labPanel().reported()) + TIME_ZONE));
            String unit = test.hl7Unit().orElse(test.ucum());
            observation.setValue(quantity(result.value(), test.ucum(), unit));
            observation.addReferenceRange()
                    .setLow(quantity(test.low(), test.ucum(), unit))
                    .setHigh(quantity(test.high(), test.ucum(), unit))
                    .setText(test.low().toPlainString() + "-" + test.high().toPlainString());
            result.flag().ifPresent(flag -> observation.addInterpretation(concept(Hl7Terminology.OBSERVATION_INTERPRETATION,
                    flag, flag.equals("H") ? "High" : "Low")));
            observation.addNote().setText("検体: 血清");
            return observation;
        }

        private MedicationRequest medicationRequest(Visit visit, PrescribedDrug line, Reference encounter, boolean current) {
            Drug drug = line.drug();
            Prescription prescription = visit.prescription();
            MedicationRequest request = new MedicationRequest();
            request.addIdentifier().setSystem(JpCore.RP_NUMBER).setValue(String.valueOf(line.rp()));
            request.addIdentifier().setSystem(JpCore.ORDER_IN_RP).setValue(String.valueOf(line.lineInRp()));
            request.setStatus(current ? MedicationRequest.MedicationRequestStatus.ACTIVE
                    : MedicationRequest.MedicationRequestStatus.COMPLETED);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.addCategory(concept(Hl7Terminology.MEDICATION_REQUEST_CATEGORY, "outpatient", "Outpatient"));
            request.setMedication(new CodeableConcept(new Coding(JpCore.HOT9, drug.hot9(), drug.name())).setText(drug.name()));
            request.setSubject(patient);
            request.setEncounter(encounter);
            request.setAuthoredOnElement(seconds(prescription.ordered()));
            request.setRequester(new Reference().setDisplay(visit.doctor().family() + " " + visit.doctor().given()));

            Dosage dosage = request.addDosageInstruction();
            dosage.setText(drug.usage().text());
            Duration days = days(prescription.days());
            dosage.getTiming().setCode(new CodeableConcept(new Coding(JpCore.JAMI_USAGE, drug.usage().code(),
                    drug.usage().text())).setText(drug.usage().text()));
            dosage.getTiming().getRepeat().setBounds(days);
            dosage.addExtension(JpCore.DOSAGE_PERIOD_OF_USE_EXTENSION, new Period().setStartElement(day(visit.date())));
            dosage.setRoute(new CodeableConcept(new Coding(JpCore.ROUTE_HL70162, "PO", "口")));
            dosage.addDoseAndRate().setDose(merit9(drug.dose(), drug));
            request.getDispenseRequest().setQuantity(merit9(line.total(prescription.days()), drug));
            request.getDispenseRequest().setExpectedSupplyDuration(days(prescription.days()));
            return request;
        }

        private static Quantity merit9(BigDecimal value, Drug drug) {
            Quantity quantity = new Quantity();
            quantity.setValue(value).setUnit(drug.unitName()).setSystem(JpCore.MERIT9_UNIT).setCode(drug.unitCode());
            return quantity;
        }

        private static Duration days(int days) {
            Duration duration = new Duration();
            duration.setValue(days).setUnit("日").setSystem(Ucum.SYSTEM).setCode("d");
            return duration;
        }

        private static Quantity quantity(BigDecimal value, String ucum, String unit) {
            Quantity quantity = new Quantity();
            quantity.setValue(value).setUnit(unit).setSystem(Ucum.SYSTEM).setCode(ucum);
            return quantity;
        }

        private static CodeableConcept concept(String system, String code, String display) {
            return new CodeableConcept(new Coding(system, code, display));
        }

        private static DateTimeType seconds(LocalDateTime time) {
            return new DateTimeType(SECONDS.format(time) + TIME_ZONE);
        }

        private static DateTimeType day(LocalDate date) {
            return new DateTimeType(date.toString());
        }
    }
}

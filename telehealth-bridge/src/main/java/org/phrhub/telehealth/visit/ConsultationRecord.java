package org.phrhub.telehealth.visit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.telehealth.chart.HomeAverage;
import org.phrhub.telehealth.chart.Occasion;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Ucum;

/**
 * The consultation's results as one FHIR transaction: the online Encounter, the consult note, the
 * diagnoses, the prescriptions, the 7-day home averages and the Appointment marked fulfilled. The hub
 * stores all of it or none.
 *
 * @param confirmationText what the doctor confirmed before the online diagnosis, in words, for the note
 */
public record ConsultationRecord(ScheduledVisit visit, ConsultationNote note, List<HomeAverage> averages,
        String clinicianName, String confirmationText, String nextVisitText, Instant startedAt, Instant endedAt, ZoneId zone) {

    /** The SOAP sections' titles, as Japanese records head them. */
    static final Map<String, String> SOAP_TITLES = Map.of(
            Loinc.SUBJECTIVE, "主観的情報 (S)", Loinc.OBJECTIVE, "客観的情報 (O)",
            Loinc.ASSESSMENT, "評価 (A)", Loinc.PLAN_OF_CARE, "計画 (P)");

    public Bundle transaction() {
        VisitTransaction bundle = new VisitTransaction();
        String patient = visit.patient();
        Reference doctor = new Reference(visit.clinician()).setDisplay(clinicianName);
        String encounterUrl = bundle.onlineEncounter(visit, doctor,
                new Period().setStart(Date.from(startedAt)).setEnd(Date.from(endedAt)));

        Composition composition = new Composition();
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept(new Coding(Loinc.SYSTEM, Loinc.CONSULT_NOTE, "Consult note")));
        composition.setSubject(new Reference(patient));
        composition.setEncounter(new Reference(encounterUrl));
        composition.setDate(Date.from(endedAt));
        composition.addAuthor(doctor);
        composition.setTitle("オンライン診療記録 " + visit.start().toLocalDate());
        section(composition, HubVisitCodes.NOTE_SECTIONS, HubVisitCodes.ONLINE_CARE_CONFIRMATION, "オンライン診療の確認", confirmationText);
        section(composition, Loinc.SYSTEM, Loinc.SUBJECTIVE, SOAP_TITLES.get(Loinc.SUBJECTIVE), note.subjective());
        section(composition, Loinc.SYSTEM, Loinc.OBJECTIVE, SOAP_TITLES.get(Loinc.OBJECTIVE), note.objective());
        section(composition, Loinc.SYSTEM, Loinc.ASSESSMENT, SOAP_TITLES.get(Loinc.ASSESSMENT), note.assessment());
        section(composition, Loinc.SYSTEM, Loinc.PLAN_OF_CARE, SOAP_TITLES.get(Loinc.PLAN_OF_CARE), note.plan());
        if (!nextVisitText.isEmpty()) {
            section(composition, HubVisitCodes.NOTE_SECTIONS, HubVisitCodes.NEXT_VISIT, "次回受診", nextVisitText);
        }

        for (ConsultationNote.Diagnosis diagnosis : note.diagnoses()) {
            Condition condition = new Condition();
            condition.addCategory(new CodeableConcept(new Coding(Hl7Terminology.CONDITION_CATEGORY, Hl7Terminology.ENCOUNTER_DIAGNOSIS,
                    "Encounter Diagnosis")));
            condition.setClinicalStatus(new CodeableConcept(new Coding(Hl7Terminology.CONDITION_CLINICAL, "active", "Active")));
            condition.setVerificationStatus(new CodeableConcept(new Coding(Hl7Terminology.CONDITION_VERIFICATION, "confirmed", "Confirmed")));
            CodeableConcept code = new CodeableConcept().setText(diagnosis.name());
            if (!diagnosis.icd10().isEmpty()) {
                code.addCoding(new Coding(JpCore.ICD10_MHLW, diagnosis.icd10(), diagnosis.name()));
            }
            condition.setCode(code);
            condition.setSubject(new Reference(patient));
            condition.setEncounter(new Reference(encounterUrl));
            condition.setRecordedDate(Date.from(endedAt));
            condition.setRecorder(doctor);
            addEntry(composition, Loinc.ASSESSMENT, bundle.create(condition),
                    "診断: " + diagnosis.name() + (diagnosis.icd10().isEmpty() ? "" : " (ICD-10 " + diagnosis.icd10() + ")"));
        }

        for (ConsultationNote.Prescription prescription : note.prescriptions()) {
            MedicationRequest request = new MedicationRequest();
            request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.addCategory(new CodeableConcept(new Coding(Hl7Terminology.MEDICATION_REQUEST_CATEGORY, "outpatient", "Outpatient")));
            request.setMedication(new CodeableConcept().setText(prescription.drug()));
            request.setSubject(new Reference(patient));
            request.setEncounter(new Reference(encounterUrl));
            request.setAuthoredOn(Date.from(endedAt));
            request.setRequester(doctor);
            request.addDosageInstruction().setText(prescription.dose() + " " + prescription.usage());
            request.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration()
                    .setValue(BigDecimal.valueOf(prescription.days())).setUnit("日").setSystem(Ucum.SYSTEM).setCode("d"));
            addEntry(composition, Loinc.PLAN_OF_CARE, bundle.create(request), "処方: " + prescription.drug() + " "
                    + prescription.dose() + " " + prescription.usage() + " " + prescription.days() + "日分");
        }

        for (HomeAverage average : averages) {
            addEntry(composition, Loinc.OBJECTIVE, bundle.create(HomeAverageObservations.of(average, patient, encounterUrl, zone)),
                    "家庭血圧 " + (average.occasion() == Occasion.MORNING ? "朝" : "夜") + "の7日平均: "
                            + average.systolic().orElseThrow() + "/" + average.diastolic().orElseThrow() + " mmHg（"
                            + average.readings() + "回、" + average.daysWithReadings() + "日）");
        }

        composition.setText(Narrative.of(composition.getTitle()));
        bundle.create(composition);

        bundle.fulfil(visit);
        return bundle.bundle();
    }

    private static void section(Composition composition, String system, String code, String title, String text) {
        if (text.isBlank()) {
            return;
        }
        composition.addSection().setTitle(title).setCode(new CodeableConcept(new Coding(system, code, title)))
                .setText(Narrative.of(text));
    }

    /**
     * Lists an entry in the section of that code, with a line of its own in the section's text, creating the
     * section if the note left it empty.
     */
    private static void addEntry(Composition composition, String code, String url, String line) {
        Composition.SectionComponent section = composition.getSection().stream()
                .filter(s -> s.getCode().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
                .findFirst()
                .orElseGet(() -> composition.addSection().setTitle(SOAP_TITLES.get(code))
                        .setCode(new CodeableConcept(new Coding(Loinc.SYSTEM, code, SOAP_TITLES.get(code)))));
        section.addEntry(new Reference(url));
        String text = section.hasText() ? Narrative.textOf(section.getText()) + "\n" : "";
        section.setText(Narrative.of(text + line));
    }
}

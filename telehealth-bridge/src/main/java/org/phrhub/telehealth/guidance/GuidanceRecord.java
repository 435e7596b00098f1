package org.phrhub.telehealth.guidance;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.visit.VisitTransaction;
import org.phrhub.vocabulary.SnomedCt;
import org.phrhub.vocabulary.Ucum;

/**
 * Online medication guidance as one FHIR transaction: the online Encounter, the guidance as a Procedure
 * (medication education) with what was explained and checked, a MedicationDispense per drug handed over,
 * and the Appointment marked fulfilled.
 *
 * @param explained what was explained and checked, one line each, as the record keeps it (Japanese)
 */
public record GuidanceRecord(ScheduledVisit visit, GuidanceNote note, List<String> explained,
        String pharmacistName, Instant startedAt, Instant endedAt) {

    public Bundle transaction() {
        VisitTransaction bundle = new VisitTransaction();
        Reference pharmacist = new Reference(visit.clinician()).setDisplay(pharmacistName);
        Reference patient = new Reference(visit.patient()).setDisplay(visit.patientName());
        Period period = new Period().setStart(Date.from(startedAt)).setEnd(Date.from(endedAt));
        String encounterUrl = bundle.onlineEncounter(visit, pharmacist, period);

        Procedure guidance = new Procedure();
        guidance.setStatus(Procedure.ProcedureStatus.COMPLETED);
        guidance.setCode(new CodeableConcept(new Coding(SnomedCt.SYSTEM, SnomedCt.MEDICATION_EDUCATION,
                "Medication regimen compliance education")).setText("オンライン服薬指導"));
        guidance.setSubject(patient);
        guidance.setEncounter(new Reference(encounterUrl));
        guidance.setPerformed(period.copy());
        guidance.addPerformer().setActor(pharmacist);
        explained.forEach(line -> guidance.addNote().setText(line));
        if (!note.notes().isEmpty()) {
            guidance.addNote().setText(note.notes());
        }
        bundle.create(guidance);

        for (GuidanceNote.Dispensed drug : note.dispensed()) {
            MedicationDispense dispense = new MedicationDispense();
            dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
            dispense.setMedication(new CodeableConcept().setText(drug.drug()));
            dispense.setSubject(patient);
            dispense.setContext(new Reference(encounterUrl));
            dispense.addPerformer().setActor(pharmacist);
            if (!drug.prescription().isEmpty()) {
                dispense.addAuthorizingPrescription(new Reference(drug.prescription()));
            }
            dispense.setQuantity(new Quantity().setValue(drug.quantity()).setUnit(drug.unit().isEmpty() ? null : drug.unit()));
            dispense.setDaysSupply((Quantity) new Quantity().setValue(drug.days()).setUnit("日").setSystem(Ucum.SYSTEM).setCode("d"));
            dispense.setWhenHandedOver(Date.from(endedAt));
            bundle.create(dispense);
        }

        bundle.fulfil(visit);
        return bundle.bundle();
    }
}

package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Message;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.vocabulary.JpCore;

/**
 * ADT-00 (patient demographics) as the hospital's view of the resident: a Patient with the hospital's patient
 * number (JP Core system of the institution), kanji and kana names, birth date, gender and address. The
 * importer folds it into the canonical Patient the city's common ID keys; it never becomes a second one.
 */
public final class PatientMapper implements DataTypeMapper {

    @Override
    public Set<String> dataTypes() {
        return Set.of("ADT-00");
    }

    @Override
    public List<Resource> map(Message message, MappingContext context) throws MappingException {
        SourcePatient source = SourcePatient.of(message);
        Patient patient = new Patient();
        patient.getMeta().addProfile(JpCore.PATIENT_PROFILE);
        patient.addIdentifier()
                .setSystem(JpCore.patientNumberSystem(context.institutionCode()))
                .setValue(source.patientNumber());
        patient.addIdentifier(context.sourceRecord());
        source.names().forEach(patient::addName);
        source.birthDate().ifPresent(date -> patient.setBirthDateElement(date));
        source.gender().ifPresent(patient::setGender);
        source.addresses().forEach(patient::addAddress);
        return List.of(patient);
    }
}

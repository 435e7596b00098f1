package org.phrhub.telehealth.visit;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.telehealth.chart.HomeAverage;
import org.phrhub.vocabulary.CardX;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.Ucum;

/** A 7-day home average as a CardX average self-measured blood pressure Observation. */
final class HomeAverageObservations {

    private HomeAverageObservations() {}

    static Observation of(HomeAverage average, String patient, String encounterUrl, ZoneId zone) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS, "Vital Signs")));
        observation.setCode(new CodeableConcept(new Coding(Loinc.SYSTEM, CardX.AVERAGE_PANEL,
                "Blood pressure panel mean systolic and mean diastolic")).setText("家庭血圧 7日平均"));
        observation.setSubject(new Reference(patient));
        observation.addPerformer(new Reference(patient)); // self-measured: the patient took the readings
        observation.setEncounter(new Reference(encounterUrl));
        observation.setEffective(new Period()
                .setStart(Date.from(average.firstDay().atStartOfDay(zone).toInstant()))
                .setEnd(Date.from(average.lastDay().plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1))));
        average.readingIds().forEach(id -> observation.addDerivedFrom(new Reference(id)));
        observation.addComponent(component(CardX.MEAN_SYSTOLIC, "Systolic blood pressure mean", average.systolic().orElseThrow()));
        observation.addComponent(component(CardX.MEAN_DIASTOLIC, "Diastolic blood pressure mean", average.diastolic().orElseThrow()));
        observation.addExtension(new Extension(CardX.NUMBER_OF_MEASUREMENTS_EXTENSION, new IntegerType(average.readings())));
        observation.addExtension(new Extension(HubVisitCodes.HOME_BP_OCCASION_EXTENSION,
                new CodeType(average.occasion().name().toLowerCase(Locale.ROOT))));
        return observation;
    }

    private static Observation.ObservationComponentComponent component(String code, String display, BigDecimal value) {
        return new Observation.ObservationComponentComponent(new CodeableConcept(new Coding(Loinc.SYSTEM, code, display)))
                .setValue(new Quantity().setValue(value).setUnit("mmHg").setSystem(Ucum.SYSTEM).setCode(Ucum.MM_HG));
    }
}

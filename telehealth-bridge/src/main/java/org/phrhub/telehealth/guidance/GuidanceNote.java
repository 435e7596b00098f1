package org.phrhub.telehealth.guidance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.phrhub.telehealth.visit.Draft;
import org.phrhub.telehealth.visit.Problem;

/**
 * The pharmacist's record of online medication guidance, read from the form: what was explained and
 * checked, and each drug handed over.
 *
 * @param dispensed the drugs handed over; each names the prescription it fills where the chart listed it
 */
public record GuidanceNote(
        boolean explainedUse,
        boolean explainedSideEffects,
        boolean explainedInteractions,
        boolean notebookChecked,
        boolean prescriberInformationChecked,
        boolean otherDrugsChecked,
        String notes,
        List<Dispensed> dispensed) {

    /** @param prescription e.g. {@code MedicationRequest/12}; "" when the drug was not among the listed prescriptions */
    public record Dispensed(String drug, BigDecimal quantity, String unit, int days, String prescription) {}

    public static GuidanceNote of(Draft form) {
        List<Dispensed> dispensed = new ArrayList<>();
        for (int i = 0; i < form.rows("dispenseDrug"); i++) {
            String drug = form.value("dispenseDrug", i).strip();
            if (!drug.isEmpty() && form.checked("dispense" + i)) {
                dispensed.add(new Dispensed(drug, decimal(form.value("dispenseQuantity", i)), form.value("dispenseUnit", i).strip(),
                        integer(form.value("dispenseDays", i)), form.value("dispensePrescription", i).strip()));
            }
        }
        return new GuidanceNote(form.checked("explainedUse"), form.checked("explainedSideEffects"),
                form.checked("explainedInteractions"), form.checked("notebookChecked"),
                form.checked("prescriberInformationChecked"), form.checked("otherDrugsChecked"),
                form.value("guidanceNotes").strip(), dispensed);
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (!explainedUse) {
            problems.add(new Problem("guidance.problem.use"));
        }
        if (!notebookChecked) {
            problems.add(new Problem("guidance.problem.notebook"));
        }
        if (dispensed.isEmpty()) {
            problems.add(new Problem("guidance.problem.nothingDispensed"));
        }
        for (Dispensed drug : dispensed) {
            if (drug.quantity() == null || drug.quantity().signum() <= 0 || drug.days() <= 0) {
                problems.add(new Problem("guidance.problem.dispense", drug.drug()));
            }
        }
        return problems;
    }

    /** What was explained and checked, as message keys ({@code guidance.record.*}) for the record's text. */
    public List<String> explainedKeys() {
        List<String> keys = new ArrayList<>();
        if (explainedUse) {
            keys.add("guidance.record.use");
        }
        if (explainedSideEffects) {
            keys.add("guidance.record.sideEffects");
        }
        if (explainedInteractions) {
            keys.add("guidance.record.interactions");
        }
        if (notebookChecked) {
            keys.add("guidance.record.notebook");
        }
        if (prescriberInformationChecked) {
            keys.add("guidance.record.prescriber");
        }
        if (otherDrugsChecked) {
            keys.add("guidance.record.otherDrugs");
        }
        return keys;
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

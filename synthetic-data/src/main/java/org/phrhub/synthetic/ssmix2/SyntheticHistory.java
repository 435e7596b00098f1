package org.phrhub.synthetic.ssmix2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Allergy;
import org.phrhub.synthetic.ssmix2.ResidentHistory.AllergyList;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Diagnosis;
import org.phrhub.synthetic.ssmix2.ResidentHistory.LabPanel;
import org.phrhub.synthetic.ssmix2.ResidentHistory.LabResult;
import org.phrhub.synthetic.ssmix2.ResidentHistory.PrescribedDrug;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Prescription;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Registration;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Visit;
import org.phrhub.synthetic.ssmix2.ResidentHistory.VitalSigns;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Allergen;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Disease;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Drug;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.LabTest;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Staff;
import org.phrhub.synthetic.ssmix2.SyntheticResident.Gender;

/**
 * How the residents' histories at one hospital are generated: {@code visits} outpatient visits, the first in
 * the week from {@code firstVisit}, then every {@code monthsBetweenVisits} months (a weekday, a few days
 * either way). The values come from a {@link Random} seeded by {@code seed} and the patient number, so the
 * same plan and residents always give the same histories.
 */
public record SyntheticHistory(LocalDate firstVisit, int visits, int monthsBetweenVisits, long seed) {

    private static final int FIRST_ORDER = 11_000_000;
    private static final long FIRST_SPECIMEN = 1_219_000;
    private static final int[] DAYS_OF_SUPPLY = {7, 14, 28, 30};

    public SyntheticHistory {
        if (firstVisit == null) {
            throw new IllegalArgumentException("firstVisit is required");
        }
        if (visits < 1) {
            throw new IllegalArgumentException("at least one visit is needed: " + visits);
        }
        if (monthsBetweenVisits < 1) {
            throw new IllegalArgumentException("visits are at least a month apart: " + monthsBetweenVisits);
        }
    }

    /** Monthly visits. */
    public static SyntheticHistory monthly(LocalDate firstVisit, int visits, long seed) {
        return new SyntheticHistory(firstVisit, visits, 1, seed);
    }

    /**
     * The histories of these residents, in their order. Order numbers are numbered through all of them, so
     * the same residents in the same order get the same numbers; patient numbers must be distinct.
     */
    public List<ResidentHistory> of(List<SyntheticResident> residents) {
        Set<String> numbers = new HashSet<>();
        for (SyntheticResident resident : residents) {
            if (!numbers.add(resident.patientNumber())) {
                throw new IllegalArgumentException("patient number " + resident.patientNumber()
                        + " is given to two residents of one hospital");
            }
        }
        Numbers counters = new Numbers();
        List<ResidentHistory> histories = new ArrayList<>(residents.size());
        for (SyntheticResident resident : residents) {
            histories.add(history(resident, counters));
        }
        return List.copyOf(histories);
    }

    /** The hospital's running numbers: order numbers and specimen numbers, 15 digits. */
    private static final class Numbers {
        private long order = FIRST_ORDER;
        private long specimen = FIRST_SPECIMEN;

        String order() {
            return "%015d".formatted(++order);
        }

        String specimen() {
            return "%015d".formatted(++specimen);
        }
    }

    private ResidentHistory history(SyntheticResident resident, Numbers numbers) {
        Random random = new Random(seed * 1_000_003L + resident.patientNumber().hashCode());
        Staff doctor = SyntheticCatalogue.DOCTORS.get(random.nextInt(SyntheticCatalogue.DOCTORS.size()));
        List<LocalDate> dates = visitDates(random);
        LocalDateTime firstArrival = arrival(dates.getFirst(), random);

        Registration registration = new Registration(numbers.order(), withMillis(firstArrival.plusMinutes(2), random));
        AllergyList allergies = new AllergyList(numbers.order(),
                withMillis(firstArrival.plusMinutes(40 + random.nextInt(5)), random), allergies(resident, random));
        Disease disease = SyntheticCatalogue.DISEASES.get(random.nextInt(SyntheticCatalogue.DISEASES.size()));
        Diagnosis diagnosis = new Diagnosis(numbers.order(), disease, dates.getFirst().minusDays(1 + random.nextInt(14)),
                dates.getFirst(), withMillis(firstArrival.plusMinutes(50 + random.nextInt(10)), random), doctor);

        Baseline baseline = baseline(resident, random);
        List<PrescribedDrug> regimen = regimen(random);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            LocalDateTime arrived = i == 0 ? firstArrival : arrival(dates.get(i), random);
            visits.add(new Visit(i + 1, dates.get(i), arrived, doctor, vitalSigns(arrived, baseline, numbers, random),
                    labPanel(arrived, numbers, random), prescription(arrived, regimen, numbers, random)));
        }
        return new ResidentHistory(resident, registration, allergies, diagnosis, visits);
    }

    private List<LocalDate> visitDates(Random random) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < visits; i++) {
            LocalDate date = firstVisit.plusMonths((long) i * monthsBetweenVisits).plusDays(random.nextInt(7));
            while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                date = date.plusDays(1);
            }
            dates.add(date);
        }
        return dates;
    }

    /** Morning or early afternoon outpatient hours, to the minute. */
    private static LocalDateTime arrival(LocalDate date, Random random) {
        return date.atTime(8, 30).plusMinutes(random.nextInt(240));
    }

    private static LocalDateTime withMillis(LocalDateTime time, Random random) {
        return time.withSecond(random.nextInt(60)).withNano(random.nextInt(1000) * 1_000_000);
    }

    private static List<Allergy> allergies(SyntheticResident resident, Random random) {
        List<Allergen> allergens = new ArrayList<>(SyntheticCatalogue.ALLERGENS);
        int count = 1 + random.nextInt(2);
        List<Allergy> allergies = new ArrayList<>();
        YearMonth earliest = YearMonth.from(resident.birthDate().plusYears(3));
        for (int i = 0; i < count; i++) {
            Allergen allergen = allergens.remove(random.nextInt(allergens.size()));
            YearMonth onset = earliest.plusMonths(random.nextInt(12 * 20));
            allergies.add(new Allergy(i + 1, allergen, onset));
        }
        return allergies;
    }

    private record Baseline(double systolic, double diastolic, double pulse, BigDecimal height, double weight,
            double temperature) {}

    private static Baseline baseline(SyntheticResident resident, Random random) {
        boolean male = resident.gender() == Gender.MALE;
        double height = (male ? 158 : 146) + random.nextDouble() * 24;
        double bmi = 19 + random.nextDouble() * 8;
        return new Baseline(108 + random.nextInt(42), 64 + random.nextInt(26), 60 + random.nextInt(26),
                scale(height, 1), bmi * height * height / 10_000, 36.2 + random.nextDouble() * 0.6);
    }

    private static VitalSigns vitalSigns(LocalDateTime arrived, Baseline baseline, Numbers numbers, Random random) {
        LocalDateTime measured = arrived.plusMinutes(10 + random.nextInt(10));
        int systolic = (int) Math.round(baseline.systolic() + random.nextGaussian() * 7);
        int diastolic = (int) Math.round(Math.min(baseline.diastolic() + random.nextGaussian() * 5, systolic - 25));
        return new VitalSigns(numbers.order(), measured, withMillis(measured.plusMinutes(5), random),
                scale(baseline.temperature() + random.nextGaussian() * 0.2, 1), systolic, diastolic,
                (int) Math.round(baseline.pulse() + random.nextGaussian() * 5), baseline.height(),
                scale(baseline.weight() + random.nextGaussian() * 0.8, 1));
    }

    private static LabPanel labPanel(LocalDateTime arrived, Numbers numbers, Random random) {
        LocalDateTime collected = arrived.plusMinutes(25 + random.nextInt(10));
        LocalDateTime reported = withMillis(collected.plusMinutes(60 + random.nextInt(30)), random);
        BigDecimal protein = value(SyntheticCatalogue.TOTAL_PROTEIN, random);
        BigDecimal albumin = value(SyntheticCatalogue.ALBUMIN, random)
                .min(protein.subtract(new BigDecimal("1.5")));
        BigDecimal ratio = albumin.divide(protein.subtract(albumin), SyntheticCatalogue.AG_RATIO.scale(), RoundingMode.HALF_UP);
        Map<LabTest, BigDecimal> values = new LinkedHashMap<>();
        values.put(SyntheticCatalogue.TOTAL_PROTEIN, protein);
        values.put(SyntheticCatalogue.ALBUMIN, albumin);
        values.put(SyntheticCatalogue.AG_RATIO, ratio);
        int extra = random.nextInt(3);
        List<LabTest> optional = new ArrayList<>(SyntheticCatalogue.OPTIONAL_TESTS);
        List<LabTest> chosen = new ArrayList<>();
        for (int i = 0; i < extra; i++) {
            chosen.add(optional.remove(random.nextInt(optional.size())));
        }
        for (LabTest test : SyntheticCatalogue.OPTIONAL_TESTS) {
            if (chosen.contains(test)) {
                values.put(test, value(test, random));
            }
        }
        List<LabResult> results = new ArrayList<>();
        for (Map.Entry<LabTest, BigDecimal> entry : values.entrySet()) {
            results.add(new LabResult(results.size() + 1, entry.getKey(), entry.getValue(), flag(entry.getKey(), entry.getValue())));
        }
        return new LabPanel(numbers.order(), numbers.specimen(), collected, reported, results);
    }

    private static BigDecimal value(LabTest test, Random random) {
        double value = Math.max(test.mean() + random.nextGaussian() * test.spread(), test.mean() / 4);
        return scale(value, test.scale());
    }

    private static Optional<String> flag(LabTest test, BigDecimal value) {
        if (value.compareTo(test.low()) < 0) {
            return Optional.of("L");
        }
        return value.compareTo(test.high()) > 0 ? Optional.of("H") : Optional.empty();
    }

    /** 1 to 3 drugs the resident takes at every visit; drugs taken the same way share an RP. */
    private static List<PrescribedDrug> regimen(Random random) {
        List<Drug> drugs = new ArrayList<>(SyntheticCatalogue.DRUGS);
        int count = 1 + random.nextInt(3);
        List<Drug> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(drugs.remove(random.nextInt(drugs.size())));
        }
        List<String> usages = new ArrayList<>();
        Map<String, Integer> linesPerRp = new LinkedHashMap<>();
        List<PrescribedDrug> regimen = new ArrayList<>();
        for (Drug drug : SyntheticCatalogue.DRUGS) {
            if (!chosen.contains(drug)) {
                continue;
            }
            String usage = drug.usage().code();
            if (!usages.contains(usage)) {
                usages.add(usage);
            }
            int rp = usages.indexOf(usage) + 1;
            regimen.add(new PrescribedDrug(drug, rp, linesPerRp.merge(usage, 1, Integer::sum)));
        }
        return regimen;
    }

    private static Prescription prescription(LocalDateTime arrived, List<PrescribedDrug> regimen, Numbers numbers,
            Random random) {
        LocalDateTime ordered = arrived.plusMinutes(55 + random.nextInt(15)).withSecond(random.nextInt(60));
        int days = DAYS_OF_SUPPLY[random.nextInt(DAYS_OF_SUPPLY.length)];
        return new Prescription(numbers.order(), ordered, withMillis(ordered.plusMinutes(1), random), days, regimen);
    }

    private static BigDecimal scale(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}

package org.phrhub.synthetic.ssmix2;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Allergy;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Diagnosis;
import org.phrhub.synthetic.ssmix2.ResidentHistory.LabPanel;
import org.phrhub.synthetic.ssmix2.ResidentHistory.LabResult;
import org.phrhub.synthetic.ssmix2.ResidentHistory.PrescribedDrug;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Prescription;
import org.phrhub.synthetic.ssmix2.ResidentHistory.Visit;
import org.phrhub.synthetic.ssmix2.ResidentHistory.VitalSigns;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Allergen;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Disease;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Drug;
import org.phrhub.synthetic.ssmix2.SyntheticCatalogue.Staff;

/**
 * Writes residents' histories at one hospital as SS-MIX2 standardized storage, the way the sample storage's
 * files are written: HL7 v2.5 with the JAHIS profiles, MSH-18 {@code ~ISO IR87}, MSH-20 {@code ISO2022-1994},
 * the SS-MIX2 profile in MSH-21, ISO-2022-JP bytes and CR segment separators; each file at
 * {@code root/aaa/bbb/patientId/date/dataType/} under the SS-MIX2 file name with condition flag 1.
 *
 * <p>Per resident: ADT-00 (demographics), ADT-61 (allergies) and PPR-01 (the diagnosis) without a date; per
 * visit OMP-01 (the prescription), OML-11 (laboratory results) and ORU-01 (vital signs, extended storage).
 * The bytes depend only on the histories: the same plan, residents and seed give identical files.
 */
public final class SyntheticStorage {

    /** The SS-MIX2 department code all files carry: 01 内科 (internal medicine). */
    public static final String DEPARTMENT = "01";
    /** The order number of data without an order (demographics, allergies, the disease list). */
    public static final String NO_ORDER = "999999999999999";

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final String CR = "\r";
    private static final String MSH_TAIL = "|P|2.5||||||~ISO IR87||ISO2022-1994|SS-MIX2_1.20^SS-MIX2^1.2.392.200250.2.1.100.1.2.120^ISO";
    private static final String HOSPITAL = "登呂病院|^^^^422-8033^JPN^^静岡県静岡市駿河区登呂3-1-1|^^^^^^^^^^^054-284-9122";
    private static final String OUTPATIENT_ORDER = "O^外来患者オーダ^HL70482";
    private static final String INTERNAL_MEDICINE = "01^内科^99XY1";
    private static final String PV1_OUTPATIENT = "PV1|0001|O|01^^^^^C";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuuMM");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter MSH_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss.SSS");
    private static final DateTimeFormatter OCCURRENCE = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");

    /**
     * One file of the storage: its path below the root ({@code /} separators), data type and text (CR-separated
     * segments, as HL7 writes them).
     */
    public record SyntheticFile(String relativePath, String dataType, String text) {

        /** The text as the storage holds it: ISO-2022-JP; a character outside JIS X 0208 is refused. */
        public byte[] bytes() {
            CharsetEncoder encoder = ISO_2022_JP.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(relativePath + " has text that ISO-2022-JP cannot hold", e);
            }
        }
    }

    private SyntheticStorage() {}

    /** Generates the residents' histories by {@code plan} and writes them below {@code root}; returns the files. */
    public static List<Path> write(Path root, List<SyntheticResident> residents, SyntheticHistory plan) throws IOException {
        return write(root, plan.of(residents));
    }

    /** Writes the histories below {@code root} (created if missing), replacing files of the same name. */
    public static List<Path> write(Path root, List<ResidentHistory> histories) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ResidentHistory history : histories) {
            for (SyntheticFile file : files(history)) {
                Path path = root.resolve(file.relativePath());
                Files.createDirectories(path.getParent());
                Files.write(path, file.bytes());
                written.add(path);
            }
        }
        return written;
    }

    /** The files of one history, in data type then date order: ADT-00, ADT-61, PPR-01, then each visit's. */
    public static List<SyntheticFile> files(ResidentHistory history) {
        SyntheticResident resident = history.resident();
        List<SyntheticFile> files = new ArrayList<>();
        files.add(file(resident, Optional.empty(), "ADT-00", NO_ORDER, history.registration().recorded(), Optional.empty(),
                adt00(history)));
        files.add(file(resident, Optional.empty(), "ADT-61", NO_ORDER, history.allergies().recorded(), Optional.empty(),
                adt61(history)));
        files.add(file(resident, Optional.empty(), "PPR-01", NO_ORDER, history.diagnosis().recorded(),
                Optional.of(DEPARTMENT), ppr01(resident, history.diagnosis())));
        for (Visit visit : history.visits()) {
            Optional<LocalDate> date = Optional.of(visit.date());
            files.add(file(resident, date, "OMP-01", visit.prescription().orderNumber(), visit.prescription().recorded(),
                    Optional.of(DEPARTMENT), omp01(resident, visit)));
            files.add(file(resident, date, "OML-11", visit.labPanel().orderNumber(), visit.labPanel().reported(),
                    Optional.of(DEPARTMENT), oml11(resident, visit)));
            files.add(file(resident, date, "ORU-01", visit.vitalSigns().orderNumber(), visit.vitalSigns().recorded(),
                    Optional.of(DEPARTMENT), oru01(resident, visit)));
        }
        return files;
    }

    /** The SS-MIX2 file name: {@code patientId_date_dataType_orderNo_occurrence_department_conditionFlag}. */
    public static String fileName(String patientId, Optional<LocalDate> date, String dataType, String orderNumber,
            LocalDateTime occurrence, Optional<String> department) {
        return String.join("_", patientId, date.map(DAY::format).orElse("-"), dataType, orderNumber,
                OCCURRENCE.format(occurrence), department.orElse("-"), "1");
    }

    /** The patient's folder below the root: {@code aaa/bbb/patientId}. */
    public static String patientFolder(String patientId) {
        String padded = patientId.length() >= 6 ? patientId : (patientId + "______").substring(0, 6);
        return padded.substring(0, 3) + "/" + padded.substring(3, 6) + "/" + patientId;
    }

    private static SyntheticFile file(SyntheticResident resident, Optional<LocalDate> date, String dataType,
            String orderNumber, LocalDateTime occurrence, Optional<String> department, List<String> segments) {
        String id = resident.patientNumber();
        String path = patientFolder(id) + "/" + date.map(DAY::format).orElse("-") + "/" + dataType + "/"
                + fileName(id, date, dataType, orderNumber, occurrence, department);
        return new SyntheticFile(path, dataType, String.join(CR, segments) + CR);
    }

    private static String msh(LocalDateTime time, String messageType, String controlId) {
        return "MSH|^~\\&|HIS123|SEND|GW|RCV|" + MSH_TIME.format(time) + "||" + messageType + "|" + controlId + MSH_TAIL;
    }

    private static String pid(SyntheticResident resident) {
        return "PID|0001||" + resident.patientNumber() + "^^^^PI||"
                + resident.familyKanji() + "^" + resident.givenKanji() + "^^^^^L^I~"
                + resident.familyKana() + "^" + resident.givenKana() + "^^^^^L^P||"
                + DAY.format(resident.birthDate()) + "|" + resident.gender().hl7() + "|||^^^^" + resident.postalCode()
                + "^JPN^H^" + resident.address();
    }

    private static String person(Staff staff) {
        return staff.number() + "^" + staff.family() + "^" + staff.given() + "^^^^^^^L^^^^^I";
    }

    private static List<String> adt00(ResidentHistory history) {
        LocalDateTime time = history.registration().recorded();
        return List.of(msh(time, "ADT^A08^ADT_A01", history.registration().messageId()),
                "EVN||" + MINUTE.format(time) + "|||||SEND001",
                pid(history.resident()),
                PV1_OUTPATIENT + "||||" + person(history.diagnosis().doctor()));
    }

    private static List<String> adt61(ResidentHistory history) {
        LocalDateTime time = history.allergies().recorded();
        List<String> segments = new ArrayList<>(List.of(msh(time, "ADT^A60^ADT_A60", history.allergies().messageId()),
                "EVN||" + MINUTE.format(time), pid(history.resident())));
        for (Allergy allergy : history.allergies().allergies()) {
            Allergen allergen = allergy.allergen();
            segments.add("IAM|" + allergy.setId() + "|" + allergen.type() + "^" + allergen.typeName() + "^HL70127|"
                    + allergen.code() + "^" + allergen.name() + "^" + allergen.table() + "|"
                    + allergen.severity() + "^" + allergen.severityName() + "^HL70128|" + allergen.reaction()
                    + "|A^追加^HL70323|||||" + MONTH.format(allergy.onset()));
        }
        return segments;
    }

    private static List<String> ppr01(SyntheticResident resident, Diagnosis diagnosis) {
        Disease disease = diagnosis.disease();
        String exchange = disease.exchangeCode() + "^" + disease.name() + "^MDCDX2";
        String code = disease.keyNumber().map(key -> key + "^" + disease.name() + "^MDCDX2").orElse(exchange);
        String diagnosed = DAY.format(diagnosis.diagnosed());
        return List.of(msh(diagnosis.recorded(), "PPR^ZD1^PPR_ZD1", diagnosis.problemId()),
                pid(resident),
                "PRB|AD|" + diagnosed + "|" + code + "|" + diagnosis.problemId() + "|||" + diagnosed + "|||"
                        + disease.icd10() + "^^I10^O^外来時^JHSD0004||||N^回復せず^HL70241||"
                        + DAY.format(diagnosis.onset()) + "|" + disease.name() + "|1^主診断^JHSD0007|||||||V^非常に限定^HL70177",
                "ZPR||" + disease.keyNumber().map(key -> code).orElse("") + "|||" + exchange,
                "ORC|NW|" + diagnosis.problemId() + "||||||||||" + person(diagnosis.doctor()) + "|||||01^内科^MML028"
                        + "||||||||||||" + OUTPATIENT_ORDER);
    }

    private static List<String> omp01(SyntheticResident resident, Visit visit) {
        Prescription prescription = visit.prescription();
        String ordered = SECOND.format(prescription.ordered());
        List<String> segments = new ArrayList<>(List.of(
                msh(prescription.recorded(), "RDE^O11^RDE_O11", prescription.orderNumber()),
                pid(resident),
                PV1_OUTPATIENT + "||||" + person(visit.doctor()) + "|||01"));
        for (PrescribedDrug line : prescription.drugs()) {
            Drug drug = line.drug();
            String unit = drug.unitCode() + "^" + drug.unitName() + "^MR9P";
            String form = drug.form().map(code -> code + "^" + drug.formName().orElse("") + "^MR9P").orElse("");
            segments.add("ORC|NW|" + prescription.orderNumber() + "||" + line.rp() + "|||||" + ordered + "|"
                    + person(SyntheticCatalogue.CLERK) + "||" + person(visit.doctor()) + "|10^^^^^C||||"
                    + INTERNAL_MEDICINE + "|VMDOCX01^^99XY2|||" + HOSPITAL + "||||||" + OUTPATIENT_ORDER);
            segments.add("RXE||" + drug.hot9() + "^" + drug.name() + "^HOT9|" + plain(drug.dose()) + "||" + unit + "|"
                    + form + "||||" + plain(line.total(prescription.days())) + "|" + unit + "||||"
                    + prescription.orderNumber() + "||||" + plain(line.dailyDose()) + "^" + unit.replace('^', '&')
                    + "||OHP^外来処方^MR9P~OHI^院内処方^MR9P");
            segments.add("TQ1|1||" + drug.usage().code() + "&" + drug.usage().text() + "&JAMISDP01|||"
                    + prescription.days() + "^d|" + DAY.format(visit.date()));
            segments.add("RXR|PO^口^HL70162");
        }
        return segments;
    }

    private static List<String> oml11(SyntheticResident resident, Visit visit) {
        LabPanel panel = visit.labPanel();
        String collected = MINUTE.format(panel.collected());
        String reported = SECOND.format(panel.reported());
        String doctor = visit.doctor().number() + "^" + visit.doctor().family() + visit.doctor().given() + "^^^^^^^^L^^^^^I";
        List<String> segments = new ArrayList<>(List.of(
                msh(panel.reported(), "OUL^R22^OUL_R22", panel.orderNumber()),
                pid(resident),
                PV1_OUTPATIENT,
                "SPM|1|" + panel.specimenNumber() + "||023^血清^JC10|||||||||||||" + collected,
                "OBR|1|" + panel.orderNumber() + "|" + panel.specimenNumber() + "|E002^生化学的検査^99O03|||" + collected
                        + "|" + DAY.format(visit.date()) + "||||||||" + doctor + "||||||" + reported,
                "ORC|SC|" + panel.orderNumber() + "|" + panel.specimenNumber() + "||CM||||" + reported + "|||" + doctor
                        + "|01^^^^^C||||" + INTERNAL_MEDICINE + "||||登呂病院||||||||" + OUTPATIENT_ORDER));
        for (LabResult result : panel.results()) {
            String unit = result.test().hl7Unit().map(text -> text + "^" + text + "^99XYZ").orElse("");
            segments.add("OBX|" + result.setId() + "|NM|" + result.test().jlac10() + "^" + result.test().name() + "^JC10||"
                    + plain(result.value()) + "|" + unit + "|" + plain(result.test().low()) + "-" + plain(result.test().high())
                    + "|" + result.flag().orElse("") + "|||F|||" + collected);
        }
        return segments;
    }

    private static List<String> oru01(SyntheticResident resident, Visit visit) {
        VitalSigns vitals = visit.vitalSigns();
        String measured = MINUTE.format(vitals.measured());
        String tail = "|||||F|||" + measured;
        return List.of(msh(vitals.recorded(), "ORU^R01^ORU_R01", vitals.orderNumber()),
                pid(resident),
                PV1_OUTPATIENT,
                "OBR|1|" + vitals.orderNumber() + "||VS01^バイタルサイン^99VS0|||" + measured + "|||||||||"
                        + person(SyntheticCatalogue.NURSE) + "||||||" + MINUTE.format(vitals.recorded()) + "|||F",
                "OBX|1|NM|VS001^体温^99VS1^8310-5^Body temperature^LN||" + plain(vitals.temperature()) + "|Cel^℃^UCUM" + tail,
                "OBX|2|NM|9A751000000000001^収縮期血圧^JC10||" + vitals.systolic() + "|mm[Hg]^mmHg^UCUM||"
                        + (vitals.systolic() >= 140 ? "H" : "") + "|||F|||" + measured,
                "OBX|3|NM|9A761000000000001^拡張期血圧^JC10||" + vitals.diastolic() + "|mm[Hg]^mmHg^UCUM||"
                        + (vitals.diastolic() >= 90 ? "H" : "") + "|||F|||" + measured,
                "OBX|4|NM|VS011^脈拍数^99VS1^8867-4^Heart rate^LN||" + vitals.pulse() + "|/min^回/分^UCUM" + tail,
                "OBX|5|NM|9N001000000000001^身長^JC10||" + plain(vitals.height()) + "|cm^cm^UCUM" + tail,
                "OBX|6|NM|9N006000000000001^体重^JC10||" + plain(vitals.weight()) + "|kg^kg^UCUM" + tail);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }
}

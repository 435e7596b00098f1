package org.phrhub.synthetic.ssmix2;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A made-up resident as one hospital knows them: the hospital's patient number, kanji and kana names, birth
 * date, gender and home address. Every text is JIS X 0208, so that it can be written as ISO-2022-JP.
 *
 * @param patientNumber the hospital-local patient number (PID-3), digits only
 * @param postalCode {@code 123-4567}
 */
public record SyntheticResident(
        String patientNumber,
        String familyKanji,
        String givenKanji,
        String familyKana,
        String givenKana,
        LocalDate birthDate,
        Gender gender,
        String postalCode,
        String address) {

    /** Administrative gender as PID-8 writes it (HL7 table 0001). */
    public enum Gender {
        MALE("M"),
        FEMALE("F");

        private final String hl7;

        Gender(String hl7) {
            this.hl7 = hl7;
        }

        public String hl7() {
            return hl7;
        }
    }

    public SyntheticResident {
        Objects.requireNonNull(patientNumber, "patientNumber");
        if (!patientNumber.matches("\\d{6,20}")) {
            throw new IllegalArgumentException("patient number must be 6 to 20 digits: " + patientNumber);
        }
        Objects.requireNonNull(familyKanji, "familyKanji");
        Objects.requireNonNull(givenKanji, "givenKanji");
        Objects.requireNonNull(familyKana, "familyKana");
        Objects.requireNonNull(givenKana, "givenKana");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(address, "address");
    }

    /** The same person as another hospital knows them, under its own patient number. */
    public SyntheticResident withPatientNumber(String number) {
        return new SyntheticResident(number, familyKanji, givenKanji, familyKana, givenKana, birthDate, gender, postalCode, address);
    }

    /** The same people as another hospital knows them: patient numbers {@code firstNumber}, {@code firstNumber + 1}, ... */
    public static List<SyntheticResident> renumbered(List<SyntheticResident> people, int firstNumber) {
        List<SyntheticResident> renumbered = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            renumbered.add(people.get(i).withPatientNumber(String.valueOf(firstNumber + i)));
        }
        return renumbered;
    }

    private record Name(String kanji, String kana) {}

    private record Town(String postalCode, String address) {}

    private static final List<Name> FAMILY = List.of(
            new Name("佐藤", "サトウ"), new Name("鈴木", "スズキ"), new Name("高橋", "タカハシ"),
            new Name("田中", "タナカ"), new Name("伊藤", "イトウ"), new Name("渡辺", "ワタナベ"),
            new Name("山本", "ヤマモト"), new Name("中村", "ナカムラ"), new Name("小林", "コバヤシ"),
            new Name("加藤", "カトウ"), new Name("吉田", "ヨシダ"), new Name("山田", "ヤマダ"),
            new Name("佐々木", "ササキ"), new Name("山口", "ヤマグチ"), new Name("松本", "マツモト"),
            new Name("井上", "イノウエ"), new Name("木村", "キムラ"), new Name("望月", "モチヅキ"),
            new Name("杉山", "スギヤマ"), new Name("石川", "イシカワ"));

    private static final List<Name> MALE_GIVEN = List.of(
            new Name("太郎", "タロウ"), new Name("一郎", "イチロウ"), new Name("健太", "ケンタ"),
            new Name("大輔", "ダイスケ"), new Name("翔太", "ショウタ"), new Name("誠", "マコト"),
            new Name("浩二", "コウジ"), new Name("修", "オサム"), new Name("拓也", "タクヤ"),
            new Name("和夫", "カズオ"), new Name("隆", "タカシ"), new Name("直樹", "ナオキ"));

    private static final List<Name> FEMALE_GIVEN = List.of(
            new Name("花子", "ハナコ"), new Name("陽子", "ヨウコ"), new Name("美咲", "ミサキ"),
            new Name("恵子", "ケイコ"), new Name("裕子", "ユウコ"), new Name("由美", "ユミ"),
            new Name("真由美", "マユミ"), new Name("明美", "アケミ"), new Name("愛", "アイ"),
            new Name("幸子", "サチコ"), new Name("直美", "ナオミ"), new Name("優子", "ユウコ"));

    private static final List<Town> TOWNS = List.of(
            new Town("422-8033", "静岡県静岡市駿河区登呂"), new Town("420-0853", "静岡県静岡市葵区追手町"),
            new Town("422-8006", "静岡県静岡市駿河区曲金"), new Town("420-0031", "静岡県静岡市葵区呉服町"),
            new Town("424-0806", "静岡県静岡市清水区辻"), new Town("422-8041", "静岡県静岡市駿河区中田"),
            new Town("420-0857", "静岡県静岡市葵区御幸町"), new Town("421-0121", "静岡県静岡市駿河区広野"));

    private static final String DIGITS = "０１２３４５６７８９";

    /**
     * {@code count} distinct residents, the same for the same seed: distinct patient numbers (8 digits) and
     * distinct kana name with birth date, born 1935 to 2004, living in a few towns of one city.
     */
    public static List<SyntheticResident> residents(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        Random random = new Random(seed);
        Set<String> numbers = new HashSet<>();
        Set<String> people = new HashSet<>();
        List<SyntheticResident> residents = new ArrayList<>(count);
        while (residents.size() < count) {
            String number = String.valueOf(10_000_000 + random.nextInt(90_000_000));
            Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
            Name family = FAMILY.get(random.nextInt(FAMILY.size()));
            List<Name> givens = gender == Gender.MALE ? MALE_GIVEN : FEMALE_GIVEN;
            Name given = givens.get(random.nextInt(givens.size()));
            LocalDate birth = LocalDate.of(1935, 1, 1).plusDays(random.nextInt(70 * 365));
            Town town = TOWNS.get(random.nextInt(TOWNS.size()));
            String address = town.address() + fullWidth(1 + random.nextInt(5)) + "−" + fullWidth(1 + random.nextInt(20))
                    + "−" + fullWidth(1 + random.nextInt(30));
            if (!numbers.add(number)) {
                continue;
            }
            if (!people.add(family.kana() + given.kana() + birth)) {
                numbers.remove(number);
                continue;
            }
            residents.add(new SyntheticResident(number, family.kanji(), given.kanji(), family.kana(), given.kana(),
                    birth, gender, town.postalCode(), address));
        }
        return List.copyOf(residents);
    }

    private static String fullWidth(int number) {
        StringBuilder text = new StringBuilder();
        for (char digit : String.valueOf(number).toCharArray()) {
            text.append(DIGITS.charAt(digit - '0'));
        }
        return text.toString();
    }
}

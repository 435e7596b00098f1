package org.phrhub.telehealth.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phrhub.telehealth.directory.Party;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A Consent in plain words, in the resident's language: "鈴木 一郎 医師（会津クリニック）が、治療のために、
 * あなたの家庭血圧と処方を 12月8日まで 見ることができます" / "Dr. Suzuki, Aizu Clinic, may read your home
 * blood pressure and prescriptions for treatment until 8 December".
 */
@Component
public class ConsentSentences {

    private final MessageSource messages;

    public ConsentSentences(MessageSource messages) {
        this.messages = messages;
    }

    /** Who may read, what, for what, until when; in the past tense when the Consent no longer counts. */
    public String reads(ConsentTerms terms, Map<String, Party> parties, boolean inForce, ZoneId zone, Locale locale) {
        String who = who(terms, parties, locale);
        if (!isJapanese(locale) && terms.actors().size() == 1 && who.contains(", ")) {
            who = who + ","; // "Dr. Suzuki, Aizu Clinic, may read ...": the clinic stands in apposition
        }
        String why = join(terms.purposes().stream().map(p -> purpose(p, locale)).toList(), locale);
        String what = what(terms, locale);
        String key = (inForce ? "consents.reads" : "consents.readPast") + (terms.end().isPresent() ? "" : "Open");
        return message(key, key, locale, who, why, what, terms.end().map(end -> date(end, zone, locale)).orElse(""));
    }

    /** A purpose of use in words, e.g. {@code PUBHLTH}: "公衆衛生" / "public health". */
    public String purpose(String code, Locale locale) {
        return message("consentPurpose." + code, code, locale);
    }

    /** The visit's results clause, when the Consent lets its readers write them. */
    public String writes(ConsentTerms terms, Map<String, Party> parties, Locale locale) {
        return message("consents.writes", "consents.writes", locale, who(terms, parties, locale));
    }

    public String who(ConsentTerms terms, Map<String, Party> parties, Locale locale) {
        boolean several = terms.actors().size() > 1;
        return join(terms.actors().stream().map(a -> party(parties.getOrDefault(a, Party.unknown(a)), several, locale)).toList(), locale);
    }

    /** e.g. "鈴木 一郎 医師（会津クリニック）" / "Dr. Suzuki, Aizu Clinic". */
    public String party(Party party, Locale locale) {
        return party(party, false, locale);
    }

    /** In a list of several, English writes the workplace in brackets ("Dr. Suzuki (Aizu Clinic) and ..."), not after a comma. */
    private String party(Party party, boolean inList, Locale locale) {
        boolean japanese = isJapanese(locale);
        Object[] arguments = {japanese ? party.name() : party.nameEn(), japanese ? party.organization() : party.organizationEn(),
                party.familyEn()};
        String listed = inList ? messages.getMessage("partyInList." + party.kind(), arguments, null, locale) : null;
        return listed != null ? listed : message(party.messageKey(), party.reference(), locale, arguments);
    }

    private String what(ConsentTerms terms, Locale locale) {
        if (terms.everything()) {
            return message("data.everything", "everything", locale);
        }
        List<String> kinds = new java.util.ArrayList<>(terms.data().stream().map(d -> message(d.messageKey(), d.name(), locale)).toList());
        if (terms.otherData()) {
            kinds.add(message("data.other", "other", locale));
        }
        return join(kinds, locale);
    }

    /** "12月8日" / "8 December", with the year when it is not this year's. */
    public String date(Instant instant, ZoneId zone, Locale locale) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        boolean thisYear = day.getYear() == LocalDate.now(zone).getYear();
        String pattern = isJapanese(locale) ? (thisYear ? "M月d日" : "yyyy年M月d日") : (thisYear ? "d MMMM" : "d MMMM yyyy");
        return DateTimeFormatter.ofPattern(pattern, locale).format(day);
    }

    /** "A と B", "A、B、C" / "A and B", "A, B and C". */
    private String join(List<String> items, Locale locale) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        if (isJapanese(locale)) {
            return items.size() == 2 ? items.get(0) + "と" + items.get(1) : String.join("、", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private String message(String key, String fallback, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, fallback, locale);
    }

    private static boolean isJapanese(Locale locale) {
        return !"en".equals(locale.getLanguage());
    }
}

package org.phrhub.telehealth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.directory.Party;
import org.phrhub.vocabulary.V3ActReason;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The plain words of My consents, from the bridge's own messages, in both languages. */
class ConsentSentencesTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Party SUZUKI = new Party("Practitioner/dr-suzuki", Party.Kind.DOCTOR, "鈴木 一郎", "Ichiro Suzuki", "Suzuki",
            "会津クリニック", "Aizu Clinic");
    private static final Party ITO = new Party("Practitioner/ph-ito", Party.Kind.PHARMACIST, "伊藤 恵子", "Keiko Ito", "Ito",
            "会津薬局", "Aizu Pharmacy");
    private static final Map<String, Party> DIRECTORY = Map.of(SUZUKI.reference(), SUZUKI, ITO.reference(), ITO);

    private final ConsentSentences sentences = new ConsentSentences(messages());

    @Test
    void oneReaderStandsInAppositionAndSeveralEachHaveTheirWorkplaceInBrackets() {
        ConsentTerms one = ConsentTerms.forReader(SUZUKI.reference(), V3ActReason.TREAT, EnumSet.of(SharedData.HOME_BLOOD_PRESSURE),
                Instant.now(), Optional.empty(), false);
        ConsentTerms two = new ConsentTerms(new java.util.LinkedHashSet<>(java.util.List.of(SUZUKI.reference(), ITO.reference())),
                Set.of(V3ActReason.TREAT), Set.of(), true, false, true, Optional.of(Instant.now()), Optional.empty(), true);

        assertThat(sentences.reads(one, DIRECTORY, true, TOKYO, Locale.ENGLISH))
                .isEqualTo("Dr. Suzuki, Aizu Clinic, may read your home blood pressure for treatment, with no end date");
        assertThat(sentences.reads(two, DIRECTORY, true, TOKYO, Locale.ENGLISH))
                .isEqualTo("Dr. Suzuki (Aizu Clinic) and Pharmacist Ito (Aizu Pharmacy) may read your whole record for treatment, with no end date");
        assertThat(sentences.reads(two, DIRECTORY, true, TOKYO, Locale.JAPANESE))
                .isEqualTo("鈴木 一郎 医師（会津クリニック）と伊藤 恵子 薬剤師（会津薬局）が、治療のために、あなたの記録のすべてを 期限なしで 見ることができます");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}

package org.phrhub.ingest.ssmix2.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HL7 times keep their precision (FHIR gives a time of day to the second) and are Japan time. */
class Hl7TimesTest {

    @ParameterizedTest
    @CsvSource({
        "2011, 2011",
        "201107, 2011-07",
        "20110701, 2011-07-01",
        "2011070122, 2011-07-01T22:00:00+09:00",
        "201107012246, 2011-07-01T22:46:00+09:00",
        "20110701224603, 2011-07-01T22:46:03+09:00",
        "20111220224447.3399, 2011-12-20T22:44:47+09:00",
        "20110701224603+0900, 2011-07-01T22:46:03+09:00"
    })
    void dateTimesKeepTheirPrecision(String hl7, String fhir) {
        assertThat(Hl7Times.dateTime(Optional.of(hl7)).orElseThrow().getValueAsString()).isEqualTo(fhir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2011-12", "20111", "yesterday", "201113"})
    void whatIsNoHl7DateTimeIsRefused(String hl7) {
        assertThatThrownBy(() -> Hl7Times.dateTime(Optional.of(hl7))).isInstanceOf(DateTimeParseException.class);
    }
}

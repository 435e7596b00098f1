package org.phrhub.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexPayloadTest {

    @Test
    void digitsOfEitherCaseWithOrWithoutSeparators() throws HexPayload.InvalidHexException {
        byte[] expected = {0x1E, (byte) 0xAB, 0x00};

        assertThat(HexPayload.parse("1EAB00")).isEqualTo(expected);
        assertThat(HexPayload.parse("1eab00")).isEqualTo(expected);
        assertThat(HexPayload.parse("1e:AB:00")).isEqualTo(expected);
        assertThat(HexPayload.parse("1E-AB-00")).isEqualTo(expected);
        assertThat(HexPayload.parse("  1E AB  00 ")).isEqualTo(expected);
        assertThat(HexPayload.parse("0x1EAB00")).isEqualTo(expected);
        assertThat(HexPayload.parse("1EAB 00")).isEqualTo(expected);
        assertThat(HexPayload.parse("1E : AB :: 00")).isEqualTo(expected);
    }

    @Test
    void nothingIsNoBytes() throws HexPayload.InvalidHexException {
        assertThat(HexPayload.parse("")).isEmpty();
        assertThat(HexPayload.parse("0x")).isEmpty();
    }

    @Test
    void halfBytesAndForeignCharactersAreRefused() {
        assertThatThrownBy(() -> HexPayload.parse("1EA")).isInstanceOf(HexPayload.InvalidHexException.class);
        assertThatThrownBy(() -> HexPayload.parse("1 EAB")).isInstanceOf(HexPayload.InvalidHexException.class);
        assertThatThrownBy(() -> HexPayload.parse("1E,AB")).isInstanceOf(HexPayload.InvalidHexException.class);
        assertThatThrownBy(() -> HexPayload.parse("1E 0xAB")).isInstanceOf(HexPayload.InvalidHexException.class);
        assertThatThrownBy(() -> HexPayload.parse(":1EAB")).isInstanceOf(HexPayload.InvalidHexException.class);
    }
}

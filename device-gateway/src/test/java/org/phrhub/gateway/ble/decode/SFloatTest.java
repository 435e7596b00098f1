package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SFloatTest {

    @ParameterizedTest(name = "0x{0} is {3} (mantissa {1}, exponent {2})")
    @CsvSource({
        // raw,  mantissa, exponent, exact value
        "0078,   120,      0,        120",         // exponent nibble 0, mantissa 0x078
        "F0BD,   189,      -1,       18.9",        // exponent 0xF = -1, mantissa 0x0BD = 189
        "F0A0,   160,      -1,       16.0",        // 160 × 10^-1 keeps its trailing zero
        "0F88,   -120,     0,        -120",        // mantissa 0xF88 = 3976 - 4096 = -120
        "FF88,   -120,     -1,       -12.0",       // both nibbles negative
        "E001,   1,        -2,       0.01",        // exponent 0xE = -2
        "8001,   1,        -8,       0.00000001",  // smallest exponent, 0x8 = -8
        "7001,   1,        7,        1E+7",        // largest exponent
        "100C,   12,       1,        1.2E+2",      // 12 × 10^1, scale -1
        "07FD,   2045,     0,        2045",        // largest mantissa that is a number
        "0803,   -2045,    0,        -2045",       // 0x803 = 2051 - 4096
        "0000,   0,        0,        0",
        "FFFF,   -1,       -1,       -0.1",        // all bits set is a number, not a special value
    })
    void numbersAreExactDecimalsWithScaleMinusExponent(String raw, int mantissa, int exponent, String value) {
        SFloat sfloat = SFloat.fromRaw(Integer.parseInt(raw, 16));

        assertThat(sfloat.kind()).isEqualTo(SFloat.Kind.NUMBER);
        assertThat(sfloat.isNumber()).isTrue();
        assertThat(sfloat.mantissa()).isEqualTo(mantissa);
        assertThat(sfloat.exponent()).isEqualTo(exponent);
        // equals, not compareTo: the scale (the monitor's precision) must match too.
        assertThat(sfloat.value()).contains(new BigDecimal(value));
        assertThat(sfloat.value().orElseThrow().scale()).isEqualTo(-exponent);
    }

    @Test
    void decimalFractionsNeverTakeADetourThroughBinary() {
        assertThat(SFloat.fromRaw(0xF0BD).toJsonText()).isEqualTo("18.9");
        assertThat(SFloat.fromRaw(0xF0A0).toJsonText()).isEqualTo("16.0");
        assertThat(SFloat.fromRaw(0x100C).toJsonText()).isEqualTo("120");
        assertThat(SFloat.fromRaw(0x8001).toJsonText()).isEqualTo("0.00000001");
    }

    @ParameterizedTest(name = "0x{0} is {1}")
    @CsvSource({
        "07FF, NAN,               NaN",
        "0800, NRES,              NRes",
        "07FE, POSITIVE_INFINITY, +INF",
        "0802, NEGATIVE_INFINITY, -INF",
        "0801, RESERVED,          reserved",
    })
    void specialValuesHaveNoNumberAndAName(String raw, SFloat.Kind kind, String text) {
        SFloat sfloat = SFloat.fromRaw(Integer.parseInt(raw, 16));

        assertThat(sfloat.kind()).isEqualTo(kind);
        assertThat(sfloat.isNumber()).isFalse();
        assertThat(sfloat.value()).isEmpty();
        assertThat(sfloat.toJsonText()).isEqualTo(text);
    }

    @Test
    void specialMantissaWithANonZeroExponentIsStillTheSpecialValue() {
        // 0xF7FF: exponent -1 with the NaN mantissa; read as a number it would be a plausible 204.7 mmHg.
        assertThat(SFloat.fromRaw(0xF7FF).kind()).isEqualTo(SFloat.Kind.NAN);
        assertThat(SFloat.fromRaw(0x2800).kind()).isEqualTo(SFloat.Kind.NRES);
        assertThat(SFloat.fromRaw(0x17FE).kind()).isEqualTo(SFloat.Kind.POSITIVE_INFINITY);
        assertThat(SFloat.fromRaw(0x8802).kind()).isEqualTo(SFloat.Kind.NEGATIVE_INFINITY);
        assertThat(SFloat.fromRaw(0xF801).kind()).isEqualTo(SFloat.Kind.RESERVED);
        assertThat(SFloat.fromRaw(0xF7FF).raw()).isEqualTo(0xF7FF);
        assertThat(SFloat.fromRaw(0xF7FF)).isNotEqualTo(SFloat.NAN);
    }

    @Test
    void constantsAreTheSpecifiedBitPatterns() {
        assertThat(SFloat.NAN.raw()).isEqualTo(0x07FF);
        assertThat(SFloat.NRES.raw()).isEqualTo(0x0800);
        assertThat(SFloat.POSITIVE_INFINITY.raw()).isEqualTo(0x07FE);
        assertThat(SFloat.NEGATIVE_INFINITY.raw()).isEqualTo(0x0802);
        assertThat(SFloat.RESERVED.raw()).isEqualTo(0x0801);
    }

    @ParameterizedTest(name = "{0} is 0x{1}")
    @CsvSource({
        "18.9,       F0BD",
        "16.0,       F0A0",  // the written precision is kept
        "120,        0078",
        "-12.0,      FF88",
        "30000,      212C",  // 300 × 10^2: trailing zeros give way only where the mantissa would not fit
        "1E+8,       700A",  // 10 × 10^7: the exponent nibble stops at 7
        "0.00000001, 8001",
        "0E-12,      8000",  // zero at the smallest exponent
        "2045,       07FD",
    })
    void factoryKeepsTheValueAndItsPrecision(String decimal, String raw) {
        SFloat sfloat = SFloat.of(new BigDecimal(decimal));

        assertThat(sfloat.raw()).isEqualTo(Integer.parseInt(raw, 16));
        assertThat(sfloat.value().orElseThrow()).isEqualByComparingTo(decimal);
    }

    @Test
    void shortFactoriesMatchTheirDecimals() {
        assertThat(SFloat.of(120)).isEqualTo(SFloat.fromRaw(0x0078));
        assertThat(SFloat.of("18.9")).isEqualTo(SFloat.fromRaw(0xF0BD));
        assertThat(SFloat.of(189, -1)).isEqualTo(SFloat.fromRaw(0xF0BD));
        assertThat(SFloat.of(-120, 0)).isEqualTo(SFloat.fromRaw(0x0F88));
    }

    @Test
    void valuesAnSFloatCannotHoldExactlyAreRefusedRatherThanRounded() {
        assertThatThrownBy(() -> SFloat.of("18.999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18.999 does not fit an SFLOAT exactly");
        assertThatThrownBy(() -> SFloat.of(2046)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SFloat.of("0.000000001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SFloat.of("1E+12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SFloat.of(1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SFloat.of(-2046, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawOutsideSixteenBitsIsRefused() {
        assertThatThrownBy(() -> SFloat.fromRaw(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SFloat.fromRaw(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

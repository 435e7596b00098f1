package org.phrhub.gateway.ble.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasurementStatusTest {

    @Test
    void statusBuiltFromFlagsHasTheSpecifiedBits() {
        // bit 0 body movement, bit 2 irregular pulse, bits 3-4 = 0b10 below range, bit 5 improper position
        MeasurementStatus status = new MeasurementStatus(true, false, true, PulseRateRange.BELOW_RANGE, true);

        assertThat(status.raw()).isEqualTo(0x0001 | 0x0004 | 0x0010 | 0x0020);
        assertThat(status).isEqualTo(MeasurementStatus.fromRaw(0x0035));
    }

    @Test
    void reservedBitsStayInRawAndDoNotChangeTheFlags() {
        MeasurementStatus status = MeasurementStatus.fromRaw(0xFFC1);

        assertThat(status.bodyMovement()).isTrue();
        assertThat(status.cuffTooLoose()).isFalse();
        assertThat(status.pulseRateRange()).isEqualTo(PulseRateRange.IN_RANGE);
        assertThat(status.raw()).isEqualTo(0xFFC1);
    }

    @Test
    void flagsThatContradictTheRawBitsAreRefused() {
        assertThatThrownBy(() -> new MeasurementStatus(false, false, false, PulseRateRange.IN_RANGE, false, 0x0001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x0001");
    }

    @Test
    void pulseRateRangesHaveTheirJsonNames() {
        assertThat(PulseRateRange.IN_RANGE.jsonName()).isEqualTo("inRange");
        assertThat(PulseRateRange.ABOVE_RANGE.jsonName()).isEqualTo("aboveRange");
        assertThat(PulseRateRange.BELOW_RANGE.jsonName()).isEqualTo("belowRange");
        assertThat(PulseRateRange.RESERVED.jsonName()).isEqualTo("reserved");
    }
}

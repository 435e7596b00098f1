package org.phrhub.gateway.ble.tinyb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SystemIdTest {

    @Test
    void eui64PutsTheOuiFirstAndEachByteMostSignificantFirst() {
        // Manufacturer identifier 0x0504030201, then OUI 0xA4C138, each least significant byte first.
        byte[] characteristic = HexFormat.of().parseHex("0102030405" + "38C1A4");

        assertThat(SystemId.eui64(characteristic)).contains("A4C1380504030201");
    }

    @Test
    void valueOfAnotherLengthHasNoEui64() {
        assertThat(SystemId.eui64(HexFormat.of().parseHex("01020304050607"))).isEmpty();
    }
}

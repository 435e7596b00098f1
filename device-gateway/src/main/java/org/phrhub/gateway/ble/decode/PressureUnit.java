package org.phrhub.gateway.ble.decode;

/** The unit a monitor states in bit 0 of the flags; the values are never converted. */
public enum PressureUnit {
    MMHG("mmHg", "mm[Hg]"),
    KPA("kPa", "kPa");

    private final String symbol;
    private final String ucum;

    PressureUnit(String symbol, String ucum) {
        this.symbol = symbol;
        this.ucum = ucum;
    }

    /** As people write it: {@code mmHg}, {@code kPa}. */
    public String symbol() {
        return symbol;
    }

    /** The UCUM code, as FHIR Quantities carry it: {@code mm[Hg]}, {@code kPa}. */
    public String ucum() {
        return ucum;
    }

    @Override
    public String toString() {
        return symbol;
    }
}

package org.phrhub.gateway.ble.decode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An IEEE 11073-20601 SFLOAT, the 16-bit decimal float of the Blood Pressure Service: a 4-bit exponent (high nibble)
 * and a 12-bit mantissa, both two's complement, worth {@code mantissa × 10^exponent}.
 *
 * <p>The value stays decimal end to end: {@link #value()} is a {@link BigDecimal} with scale {@code -exponent}, so
 * {@code 189 × 10^-1} is exactly 18.9 and {@code 160 × 10^-1} keeps the monitor's precision as 16.0.
 *
 * <p>Mantissas 0x7FE, 0x7FF, 0x800, 0x801 and 0x802 are special values. The standard defines them with exponent 0
 * and keeps numbers within ±2045, so these mantissas are never a number; a monitor that sends one with another
 * exponent still means the special value, and it is read as that value. {@link #raw()} keeps the exact bits.
 *
 * @param raw the 16 bits as received, 0x0000 to 0xFFFF
 */
public record SFloat(int raw) {

    /** Not a Number (0x07FF): the monitor has no valid value, e.g. a measurement that failed. */
    public static final SFloat NAN = new SFloat(0x07FF);
    /** Not at this Resolution (0x0800): the value does not fit the SFLOAT's precision. */
    public static final SFloat NRES = new SFloat(0x0800);
    public static final SFloat POSITIVE_INFINITY = new SFloat(0x07FE);
    public static final SFloat NEGATIVE_INFINITY = new SFloat(0x0802);
    /** Reserved for future use (0x0801). */
    public static final SFloat RESERVED = new SFloat(0x0801);

    /** The largest mantissa magnitude of a number; the mantissas beyond it are special values. */
    public static final int MAX_MANTISSA = 2045;
    public static final int MIN_EXPONENT = -8;
    public static final int MAX_EXPONENT = 7;

    /** What an SFLOAT stands for: a number or one of the special values. */
    public enum Kind {
        NUMBER,
        NAN,
        NRES,
        POSITIVE_INFINITY,
        NEGATIVE_INFINITY,
        RESERVED
    }

    public SFloat {
        if (raw < 0 || raw > 0xFFFF) {
            throw new IllegalArgumentException("an SFLOAT has 16 bits, 0x0000 to 0xFFFF; got " + raw);
        }
    }

    public static SFloat fromRaw(int raw16) {
        return new SFloat(raw16);
    }

    /**
     * The SFLOAT {@code mantissa × 10^exponent}.
     *
     * @throws IllegalArgumentException when the mantissa is outside ±2045 or the exponent outside -8..7
     */
    public static SFloat of(int mantissa, int exponent) {
        if (Math.abs(mantissa) > MAX_MANTISSA || exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException(mantissa + " × 10^" + exponent
                    + " is no SFLOAT number: the mantissa must be within ±" + MAX_MANTISSA
                    + " and the exponent within " + MIN_EXPONENT + ".." + MAX_EXPONENT);
        }
        return new SFloat((exponent & 0xF) << 12 | mantissa & 0xFFF);
    }

    /** A whole number such as 120 mmHg or 72 beats per minute. */
    public static SFloat of(int wholeNumber) {
        return of(BigDecimal.valueOf(wholeNumber));
    }

    /** A decimal written as text, such as {@code "18.9"} or {@code "16.0"}; the digits written are the precision kept. */
    public static SFloat of(String decimal) {
        return of(new BigDecimal(decimal));
    }

    /**
     * The SFLOAT holding exactly {@code value} with the precision its scale states ({@code 16.0} stays 16.0).
     * Trailing zeros are dropped only where the mantissa would not fit otherwise ({@code 30000} is {@code 300 × 10^2}).
     *
     * @throws IllegalArgumentException when the value cannot be held exactly: an SFLOAT never rounds silently here
     */
    public static SFloat of(BigDecimal value) {
        if (value.signum() == 0) {
            long zeroExponent = -(long) value.scale();
            return of(0, (int) Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, zeroExponent)));
        }
        BigInteger mantissa = value.unscaledValue();
        long exponent = -(long) value.scale();
        BigInteger limit = BigInteger.valueOf(MAX_MANTISSA);
        while ((mantissa.abs().compareTo(limit) > 0 || exponent < MIN_EXPONENT)
                && mantissa.mod(BigInteger.TEN).signum() == 0) {
            mantissa = mantissa.divide(BigInteger.TEN);
            exponent++;
        }
        while (exponent > MAX_EXPONENT && mantissa.abs().multiply(BigInteger.TEN).compareTo(limit) <= 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        if (mantissa.abs().compareTo(limit) > 0 || exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException(value.toPlainString()
                    + " does not fit an SFLOAT exactly (mantissa within ±" + MAX_MANTISSA + ", exponent within "
                    + MIN_EXPONENT + ".." + MAX_EXPONENT + "); round it to fewer significant digits first");
        }
        return of(mantissa.intValueExact(), (int) exponent);
    }

    /** The exponent nibble as a signed number, -8..7; for special values it is what the monitor sent. */
    public int exponent() {
        return ((raw >> 12) ^ 0x8) - 0x8;
    }

    /** The 12-bit mantissa as a signed number, -2048..2047; for special values it is their code read as a number. */
    public int mantissa() {
        return ((raw & 0xFFF) ^ 0x800) - 0x800;
    }

    public Kind kind() {
        return switch (raw & 0xFFF) {
            case 0x7FF -> Kind.NAN;
            case 0x800 -> Kind.NRES;
            case 0x7FE -> Kind.POSITIVE_INFINITY;
            case 0x802 -> Kind.NEGATIVE_INFINITY;
            case 0x801 -> Kind.RESERVED;
            default -> Kind.NUMBER;
        };
    }

    public boolean isNumber() {
        return kind() == Kind.NUMBER;
    }

    /** The exact decimal, scale {@code -exponent}; empty for special values. */
    public Optional<BigDecimal> value() {
        return isNumber() ? Optional.of(BigDecimal.valueOf(mantissa(), -exponent())) : Optional.empty();
    }

    /**
     * How the value is written as text: the plain decimal for numbers ({@code 18.9}, {@code 120}), else
     * {@code NaN}, {@code NRes}, {@code +INF}, {@code -INF} or {@code reserved}.
     */
    public String toJsonText() {
        return switch (kind()) {
            case NUMBER -> BigDecimal.valueOf(mantissa(), -exponent()).toPlainString();
            case NAN -> "NaN";
            case NRES -> "NRes";
            case POSITIVE_INFINITY -> "+INF";
            case NEGATIVE_INFINITY -> "-INF";
            case RESERVED -> "reserved";
        };
    }

    @Override
    public String toString() {
        return String.format("SFloat[%s, raw=0x%04X]", toJsonText(), raw);
    }
}

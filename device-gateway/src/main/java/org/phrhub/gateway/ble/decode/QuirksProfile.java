package org.phrhub.gateway.ble.decode;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a family of monitors departs from the Blood Pressure Service specification. {@link #STRICT} is the
 * specification itself and the default. Each profile overrides only the quirks its monitors have, so a new profile
 * is one more constant here, and the decoder and encoder stay free of per-vendor branches.
 */
public enum QuirksProfile {

    /** The specification, nothing else. */
    STRICT("strict"),

    /**
     * Beurer monitors: they send a user-ID byte even when bit 3 of the flags is not set, they send pulse rate and
     * measurement status big-endian, and MAP 0x0000 means they did not measure it.
     */
    BEURER("beurer") {
        @Override
        boolean carriesUserId(int flags) {
            return true;
        }

        @Override
        boolean setsUserIdFlag() {
            return false;
        }

        @Override
        ByteOrder pulseRateOrder() {
            return ByteOrder.BIG_ENDIAN;
        }

        @Override
        ByteOrder statusOrder() {
            return ByteOrder.BIG_ENDIAN;
        }

        @Override
        Optional<SFloat> meanArterialPressure(SFloat field) {
            return field.raw() == NOT_MEASURED ? Optional.empty() : Optional.of(field);
        }

        @Override
        SFloat meanArterialPressureField(Optional<SFloat> meanArterialPressure) {
            if (meanArterialPressure.isEmpty()) {
                return SFloat.fromRaw(NOT_MEASURED);
            }
            SFloat map = meanArterialPressure.get();
            if (map.raw() == NOT_MEASURED) {
                throw new IllegalArgumentException(
                        "beurer monitors send MAP 0x0000 for 'not measured', so a measured MAP of 0 cannot be sent");
            }
            return map;
        }

        @Override
        boolean fits(String manufacturer, String model) {
            return manufacturer.contains("beurer") || model.contains("beurer");
        }
    };

    private static final int NOT_MEASURED = 0x0000;

    private final String id;

    QuirksProfile(String id) {
        this.id = id;
    }

    /** The name users give on the command line and in configuration: {@code strict}, {@code beurer}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The profile of this name, any case. */
    public static Optional<QuirksProfile> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }

    /**
     * The profile for a monitor, from what its Device Information Service says; {@link #STRICT} for monitors no
     * profile knows. A Beurer monitor is one whose manufacturer or model name contains "Beurer", in any case.
     */
    public static QuirksProfile forDevice(Optional<String> manufacturer, Optional<String> model) {
        String maker = manufacturer.map(QuirksProfile::normalized).orElse("");
        String product = model.map(QuirksProfile::normalized).orElse("");
        return Arrays.stream(values()).filter(p -> p.fits(maker, product)).findFirst().orElse(STRICT);
    }

    /** The names of all profiles, for help texts and messages: {@code strict, beurer}. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(QuirksProfile::id).toList());
    }

    private static String normalized(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a payload with these flags carries the user-ID byte. */
    boolean carriesUserId(int flags) {
        return (flags & PayloadLayout.USER_ID) != 0;
    }

    /** Whether these monitors set bit 3 of the flags when they send a user ID. */
    boolean setsUserIdFlag() {
        return true;
    }

    ByteOrder pulseRateOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    ByteOrder statusOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    /** The MAP a 2A35 field stands for; empty where these monitors use the field to say "not measured". */
    Optional<SFloat> meanArterialPressure(SFloat field) {
        return Optional.of(field);
    }

    /** The 2A35 MAP field these monitors would send for this MAP. */
    SFloat meanArterialPressureField(Optional<SFloat> meanArterialPressure) {
        return meanArterialPressure.orElseThrow(() -> new IllegalArgumentException(
                "the specification has no way to say that the MAP was not measured; send SFloat.NAN or a value"));
    }

    /** Whether a monitor of this manufacturer and model (both lower case, empty when unknown) has these quirks. */
    boolean fits(String manufacturer, String model) {
        return false;
    }
}

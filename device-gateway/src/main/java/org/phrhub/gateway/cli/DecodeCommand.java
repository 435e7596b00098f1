package org.phrhub.gateway.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phrhub.gateway.ble.decode.BloodPressureCharacteristic;
import org.phrhub.gateway.ble.decode.BloodPressureDecoder;
import org.phrhub.gateway.ble.decode.MalformedMeasurementException;
import org.phrhub.gateway.ble.decode.MeasurementJson;
import org.phrhub.gateway.ble.decode.QuirksProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Decodes one value a monitor sent and prints it as JSON: for looking at what a monitor really says. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Decodes one Blood Pressure Measurement (2A35) or Intermediate Cuff Pressure (2A36) value and prints it"
                    + " as one JSON object.",
            "Invalid input (hex, characteristic, profile or payload) exits with 2 and one line on stderr."
        },
        footer = {"", "Example: decode --char 2A35 1E780050006400EA070B19071E004800010000"})
public final class DecodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--char",
            paramLabel = "UUID",
            defaultValue = "2A35",
            converter = MeasurementCharacteristicConverter.class,
            description = "The characteristic the value came from: 2A35 or 2A36 (default: ${DEFAULT-VALUE}).")
    private BloodPressureCharacteristic characteristic;

    @Option(
            names = "--quirks",
            paramLabel = "NAME",
            defaultValue = "strict",
            converter = QuirksProfileConverter.class,
            description = "The monitor's quirks profile: strict (the specification) or beurer"
                    + " (default: ${DEFAULT-VALUE}).")
    private QuirksProfile quirks;

    @Parameters(
            paramLabel = "HEX",
            arity = "1..*",
            description = {
                "The value's bytes in hex, any case, optionally led by 0x. Bytes may be separated by spaces, colons"
                        + " or hyphens (1E7800..., \"1e 78 00 ...\", 1E:78:00:...); a separator may only stand"
                        + " between two bytes. Several arguments are read as one value."
            })
    private List<String> hex;

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        try {
            byte[] payload = HexPayload.parse(String.join(" ", hex));
            BloodPressureDecoder decoder = new BloodPressureDecoder(quirks);
            String json = switch (characteristic) {
                case MEASUREMENT -> MeasurementJson.text(decoder.decodeMeasurement(payload));
                case INTERMEDIATE_CUFF_PRESSURE -> MeasurementJson.text(decoder.decodeIntermediateCuffPressure(payload));
                case FEATURE -> throw new IllegalStateException("--char admits 2A35 and 2A36 only");
            };
            commandLine.getOut().println(json);
            commandLine.getOut().flush();
            return CommandLine.ExitCode.OK;
        } catch (HexPayload.InvalidHexException | MalformedMeasurementException e) {
            commandLine.getErr().println(e.getMessage());
            commandLine.getErr().flush();
            return GatewayCommand.EXIT_INVALID_INPUT;
        }
    }

    /** Accepts the two characteristics this command decodes. */
    static final class MeasurementCharacteristicConverter
            implements CommandLine.ITypeConverter<BloodPressureCharacteristic> {

        @Override
        public BloodPressureCharacteristic convert(String value) {
            return BloodPressureCharacteristic.ofHex(value)
                    .filter(c -> c != BloodPressureCharacteristic.FEATURE)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                            + "' is not a characteristic decode reads; use 2A35 (Blood Pressure Measurement) or"
                            + " 2A36 (Intermediate Cuff Pressure)"));
        }
    }

    static final class QuirksProfileConverter implements CommandLine.ITypeConverter<QuirksProfile> {

        @Override
        public QuirksProfile convert(String value) {
            return QuirksProfile.named(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value.toLowerCase(Locale.ROOT)
                            + "' is not a quirks profile; known profiles: " + QuirksProfile.ids()));
        }
    }
}

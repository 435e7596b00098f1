package org.phrhub.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The {@code decode} command as a user runs it: arguments in, one JSON object or one line of error out. */
class DecodeCommandTest {

    // 0x1E: time stamp, pulse, user, status; systolic 120 -> 78 00, diastolic 80 -> 50 00, MAP 100 -> 64 00,
    // 2026-11-25 07:30:00 -> EA 07 0B 19 07 1E 00, pulse 72 -> 48 00, user 01, status 0 -> 00 00
    private static final String FULL_READING = "1E7800500064 00EA070B19071E00 4800 01 0000".replace(" ", "");

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = GatewayCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void measurementIsPrintedAsOneJsonObject() {
        Run run = run("decode", FULL_READING);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("{\"unit\":\"mmHg\",\"systolic\":120,\"diastolic\":80,\"map\":100,"
                + "\"pulse\":72,\"timestamp\":\"2026-11-25T07:30:00\",\"timestampRaw\":{\"year\":2026,\"month\":11,"
                + "\"day\":25,\"hours\":7,\"minutes\":30,\"seconds\":0},\"userId\":1,\"status\":{\"bodyMovement\":false,"
                + "\"cuffTooLoose\":false,\"irregularPulse\":false,\"pulseRateRange\":\"inRange\","
                + "\"improperPosition\":false},\"failed\":false}" + System.lineSeparator());
    }

    @Test
    void kpaValuesKeepTheirDecimalDigits() {
        // kPa; 18.9 = 0xF0BD -> BD F0, 12.0 = 0xF078 -> 78 F0, 14.3 = 0xF08F -> 8F F0
        Run run = run("decode", "01BDF078F08FF0");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"unit\":\"kPa\"", "\"systolic\":18.9,", "\"diastolic\":12.0,",
                "\"map\":14.3,");
        assertThat(run.out()).doesNotContain("18.899", "\"18.9\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2A36", "2a36", "0x2A36"})
    void intermediateCuffPressureIsChosenWithChar(String characteristic) {
        Run run = run("decode", "--char", characteristic, "04 8C00 FF07 FF07 4800");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{\"unit\":\"mmHg\",\"cuffPressure\":140,\"pulse\":72,");
    }

    @Test
    void beurerQuirksAreChosenWithQuirks() {
        // no user flag yet a user byte 02; pulse 72 big-endian -> 00 48
        Run run = run("decode", "--quirks", "beurer", "04 7800 5000 0000 0048 02");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"map\":null", "\"pulse\":72,", "\"userId\":2,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00 78 00 50 00 64 00", "00:78:00:50:00:64:00", "00-78-00-50-00-64-00", "0x00780050006400",
        "007800 5000 6400"})
    void hexMayBeSeparatedBetweenBytes(String hex) {
        Run run = run("decode", hex);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\"unit\":\"mmHg\",\"systolic\":120,\"diastolic\":80,\"map\":100,");
    }

    @Test
    void hexMayBeGivenAsSeveralArguments() {
        Run run = run("decode", "00", "7800", "50", "00", "6400");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"map\":100");
    }

    @Test
    void notHexIsInvalidInput() {
        Run run = run("decode", "1E78G0");

        assertOneLineOfError(run, "'1E78G0' is not hex");
    }

    @Test
    void separatorInsideAByteIsInvalidInput() {
        Run run = run("decode", "00 780 050006400");

        assertOneLineOfError(run, "does not split into whole bytes");
    }

    @Test
    void truncatedPayloadIsInvalidInput() {
        Run run = run("decode", FULL_READING.substring(0, 18));

        assertOneLineOfError(run,
                "payload is 9 bytes but its flags 0x1E announce 19 (time stamp, pulse rate, user ID, status)");
    }

    @Test
    void emptyPayloadIsInvalidInput() {
        assertOneLineOfError(run("decode", ""), "payload is empty");
    }

    @Test
    void unknownCharacteristicIsInvalidInput() {
        assertOneLineOfError(run("decode", "--char", "2A99", FULL_READING), "use 2A35");
        assertOneLineOfError(run("decode", "--char", "2A49", FULL_READING), "use 2A35");
    }

    @Test
    void unknownQuirksProfileIsInvalidInput() {
        assertOneLineOfError(run("decode", "--quirks", "omron", FULL_READING), "known profiles: strict, beurer");
    }

    @Test
    void missingHexIsInvalidInput() {
        assertOneLineOfError(run("decode"), "HEX");
    }

    @Test
    void unknownOptionIsInvalidInput() {
        assertOneLineOfError(run("decode", "--pretty", FULL_READING), "--pretty");
    }

    @Test
    void helpNamesTheSeparators() {
        Run run = run("decode", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--char", "--quirks", "colons");
    }

    private static void assertOneLineOfError(Run run, String expected) {
        assertThat(run.exitCode()).isEqualTo(GatewayCommand.EXIT_INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).endsWith(System.lineSeparator());
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains(expected);
    }
}

package org.phrhub.ingest.ssmix2.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.RDE_O11;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;

/** Files as the storage holds them: ISO-2022-JP bytes, CR-separated segments, JAHIS quirks. */
class Ssmix2MessageReaderTest {

    private final Ssmix2MessageReader reader = new Ssmix2MessageReader();

    @Test
    void sampleMessagesAreReadWithTheirJapaneseText() throws Exception {
        Message adt = reader.read(bytes(SampleStorage.PATIENT_FOLDER + "/-/ADT-00"));
        Message rde = reader.read(bytes(SampleStorage.PATIENT_FOLDER + "/20110701/OMP-01"));

        assertThat(adt).isInstanceOf(ADT_A01.class);
        assertThat(((ADT_A01) adt).getPID().getPatientName(0).getFamilyName().getSurname().getValue()).isEqualTo("患者");
        assertThat(rde).isInstanceOf(RDE_O11.class);
        assertThat(new MessageFields(rde).all("RXE")).hasSize(3);
    }

    @Test
    void everySampleFileWithAnHl7MessageIsReadable() throws IOException {
        try (var files = Files.walk(SampleStorage.root())) {
            for (var file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("ADT-31"))
                    .filter(f -> f.getFileName().toString().matches("\\d+_.*")).toList()) {
                assertThat(file).satisfies(f -> reader.read(Files.readAllBytes(f)));
            }
        }
    }

    @Test
    void bytesThatAreNotIso2022JpAreRefused() {
        byte[] utf8 = "MSH|^~\\&|HIS|||||20110701||ADT^A08^ADT_A01|1|P|2.5\rPID|1||1||患者^太郎\r".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(utf8)).isInstanceOf(Hl7ReadException.class)
                .hasMessageContaining("not ISO-2022-JP");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        byte[] whole = bytes(SampleStorage.PATIENT_FOLDER + "/-/ADT-00");
        // Cut inside the MSH segment, as a copy interrupted early leaves it.
        byte[] truncated = Arrays.copyOf(whole, 30);

        assertThatThrownBy(() -> reader.read(truncated)).isInstanceOf(Hl7ReadException.class)
                .hasMessageContaining("malformed HL7 v2 message");
    }

    @Test
    void aFileThatIsNotHl7IsRefusedNamingHowItStarts() {
        assertThatThrownBy(() -> reader.read("hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Hl7ReadException.class).hasMessageContaining("must start with an MSH segment", "'hello'");
        assertThatThrownBy(() -> reader.read(new byte[2])).isInstanceOf(Hl7ReadException.class);
    }

    @Test
    void lineFeedsBetweenSegmentsAreReadAsHl7SegmentSeparators() throws Exception {
        String text = new String(bytes(SampleStorage.PATIENT_FOLDER + "/-/ADT-00"), Charset.forName("ISO-2022-JP"))
                .replace("\r", "\r\n");

        Message message = reader.read(text.getBytes(Charset.forName("ISO-2022-JP")));

        assertThat(((ADT_A01) message).getPID().getDateTimeOfBirth().getTime().getValue()).isEqualTo("19480405");
    }

    private static byte[] bytes(String folder) throws IOException {
        return Files.readAllBytes(SampleStorage.onlyFile(folder));
    }
}

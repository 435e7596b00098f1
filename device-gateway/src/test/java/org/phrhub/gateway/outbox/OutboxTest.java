package org.phrhub.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;

class OutboxTest {

    private static final MonitorInfo MONITOR = new MonitorInfo("a4:c1:38:00:00:01", Optional.of("BM54"),
            Optional.of("Beurer GmbH"), Optional.empty(), Optional.of("A4C138FFFE000001"));

    @TempDir
    Path dataDir;

    private static Indication indication(int systolic, Instant at) {
        return new Indication("2A35", new byte[] {0x00, (byte) systolic, 0x00, 0x50, 0x00, 0x5D, 0x00}, at);
    }

    @Test
    void entriesSurviveReopeningInReceptionOrderWithTheirExactBytes() throws Exception {
        Instant at = Instant.parse("2026-11-25T07:00:00Z");
        Outbox outbox = Outbox.open(dataDir, Clock.fixed(at, ZoneOffset.UTC));
        outbox.append(MONITOR, indication(120, at));
        outbox.append(MONITOR, indication(121, at.plusSeconds(1)));
        outbox.append(MONITOR, indication(122, at.plusSeconds(2)));

        List<OutboxEntry> reopened = Outbox.open(dataDir, Clock.fixed(at, ZoneOffset.UTC)).pending();

        assertThat(reopened).extracting(entry -> entry.indication().hex())
                .containsExactly("00780050005D00", "00790050005D00", "007A0050005D00");
        assertThat(reopened).extracting(entry -> entry.monitor().address()).containsOnly("A4:C1:38:00:00:01");
        assertThat(reopened.getFirst().monitor().systemId()).contains("A4C138FFFE000001");
        assertThat(reopened.getFirst().indication().receivedAt()).isEqualTo(at);
    }

    @Test
    void idsKeepGrowingAcrossARestartEvenWithTheClockStandingStill() throws Exception {
        Instant at = Instant.parse("2026-11-25T07:00:00Z");
        Clock stopped = Clock.fixed(at, ZoneOffset.UTC);
        Outbox first = Outbox.open(dataDir, stopped);
        OutboxEntry a = first.append(MONITOR, indication(120, at));
        OutboxEntry b = first.append(MONITOR, indication(121, at));

        OutboxEntry c = Outbox.open(dataDir, stopped).append(MONITOR, indication(122, at));

        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(c.id()).isGreaterThan(b.id());
    }

    @Test
    void aWriteInterruptedBeforeItsRenameLeavesNoHalfEntry() throws Exception {
        Instant at = Instant.parse("2026-11-25T07:00:00Z");
        Outbox outbox = Outbox.open(dataDir, Clock.fixed(at, ZoneOffset.UTC));
        outbox.append(MONITOR, indication(120, at));
        Files.writeString(dataDir.resolve("outbox").resolve("99999999999999999.tmp"), "{\"id\": 9999");

        Outbox reopened = Outbox.open(dataDir, Clock.fixed(at, ZoneOffset.UTC));

        assertThat(reopened.pending()).hasSize(1);
        assertThat(Files.list(dataDir.resolve("outbox"))).hasSize(1);
    }

    @Test
    void deadLettersKeepTheReadingAndTheReason() throws Exception {
        Instant at = Instant.parse("2026-11-25T07:00:00Z");
        Outbox outbox = Outbox.open(dataDir, Clock.fixed(at, ZoneOffset.UTC));
        OutboxEntry entry = outbox.append(MONITOR, indication(120, at));

        outbox.moveToDeadLetters(entry, "the FHIR server rejected the readings (HTTP 422: bad)");

        assertThat(outbox.pending()).isEmpty();
        DeadLetter letter = outbox.deadLetters().getFirst();
        assertThat(letter.entry()).usingRecursiveComparison().ignoringFields("indication.value").isEqualTo(entry);
        assertThat(letter.entry().indication().hex()).isEqualTo("00780050005D00");
        assertThat(letter.reason()).contains("HTTP 422");
    }

    @Test
    void aCorruptEntryIsReportedNotSkipped() throws Exception {
        Outbox outbox = Outbox.open(dataDir, Clock.systemUTC());
        Files.writeString(dataDir.resolve("outbox").resolve("00000000000000000001.json"), "{not json");

        assertThatThrownBy(outbox::pending).isInstanceOf(OutboxException.class)
                .hasMessageContaining("00000000000000000001.json").hasMessageContaining("holds a reading");
    }
}

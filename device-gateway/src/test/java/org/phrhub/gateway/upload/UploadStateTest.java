package org.phrhub.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStateTest {

    private static final Instant AT = Instant.parse("2026-11-25T07:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void theLastSuccessAndFailureAreKeptForStatus() throws Exception {
        UploadState state = new UploadState(dataDir, Clock.fixed(AT, ZoneOffset.UTC));
        state.recordSuccess(3);
        new UploadState(dataDir, Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC)).recordFailure("the hub is down (HTTP 503)");

        UploadState.Snapshot snapshot = new UploadState(dataDir, Clock.systemUTC()).snapshot();

        assertThat(snapshot.lastSuccess()).contains("2026-11-25T07:00:00Z");
        assertThat(snapshot.lastFailure()).contains("2026-11-25T07:01:00Z");
        assertThat(snapshot.lastFailureReason()).contains("the hub is down (HTTP 503)");
    }

    @Test
    void noStateYetMeansNeverUploaded() throws Exception {
        UploadState.Snapshot snapshot = new UploadState(dataDir, Clock.systemUTC()).snapshot();

        assertThat(snapshot.lastSuccess()).isEmpty();
        assertThat(snapshot.lastFailure()).isEmpty();
    }

    @Test
    void aLeftoverOfAnInterruptedWriteIsIgnoredAndReplaced() throws Exception {
        UploadState state = new UploadState(dataDir, Clock.fixed(AT, ZoneOffset.UTC));
        state.recordSuccess(1);
        Files.writeString(dataDir.resolve("upload-state.json.tmp"), "{\"lastSucc");

        assertThat(state.snapshot().lastSuccess()).contains("2026-11-25T07:00:00Z");
        state.recordSuccess(2);

        try (var left = Files.list(dataDir)) {
            assertThat(left).containsExactly(dataDir.resolve("upload-state.json"));
        }
    }
}

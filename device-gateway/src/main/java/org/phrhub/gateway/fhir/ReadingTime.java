package org.phrhub.gateway.fhir;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * When a reading was taken, as far as the gateway can tell.
 *
 * @param effective the device's time in the gateway's zone, or the reception time
 * @param receptionTimeBecause empty when the device's clock was used; otherwise why it was not
 */
public record ReadingTime(OffsetDateTime effective, Optional<String> receptionTimeBecause) {

    public boolean fromDeviceClock() {
        return receptionTimeBecause.isEmpty();
    }
}

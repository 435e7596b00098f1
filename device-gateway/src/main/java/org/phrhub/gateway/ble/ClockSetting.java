package org.phrhub.gateway.ble;

import java.time.LocalDateTime;

/** Whether a session set the monitor's clock (Current Time, 0x2A2B), which stamps its readings. */
public sealed interface ClockSetting {

    /** @param time the local wall-clock time written */
    record Written(LocalDateTime time) implements ClockSetting {}

    record NotWritten(String reason) implements ClockSetting {}
}

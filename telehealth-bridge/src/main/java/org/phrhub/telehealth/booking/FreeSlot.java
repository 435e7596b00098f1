package org.phrhub.telehealth.booking;

import java.time.ZonedDateTime;

/**
 * A free slot a resident may book.
 *
 * @param slotId      e.g. {@code 123}
 * @param clinician   e.g. {@code Practitioner/dr-suzuki}
 * @param service     the hub's online-service code, e.g. {@code online-diagnosis}
 */
public record FreeSlot(String slotId, ZonedDateTime start, ZonedDateTime end, String clinician, String service) {}

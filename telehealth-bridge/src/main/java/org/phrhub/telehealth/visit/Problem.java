package org.phrhub.telehealth.visit;

/** Something the clinician must fix before the record can be written: a message key and its arguments. */
public record Problem(String messageKey, Object... arguments) {}

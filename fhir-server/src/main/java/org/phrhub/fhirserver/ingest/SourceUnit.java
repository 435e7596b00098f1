package org.phrhub.fhirserver.ingest;

import java.time.Instant;
import org.hl7.fhir.r4.model.Reference;

/**
 * One unit of imported data that is stored all or nothing and gets one Provenance: an SS-MIX2 record
 * (the newest file of an order) or a FHIR bundle.
 *
 * @param key what identifies the unit across imports (the Provenance's id derives from it)
 * @param sourceUri where the data came from, in {@code meta.source} and the Provenance's entity
 * @param sourceName a name a person recognises, e.g. the file's path in the storage
 * @param organization the hospital the data came from
 * @param occurred when the source recorded the data; a stored unit with a later time is not replaced
 */
public record SourceUnit(String key, String sourceUri, String sourceName, Reference organization, Instant occurred) {}

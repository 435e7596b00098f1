package org.phrhub.ingest.ssmix2.map;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.ingest.ssmix2.storage.StorageFileName;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * What a mapper needs besides the message: whose storage it is, which file, and the canonical Patient the
 * file's resources belong to (resolved from PID-3 before mapping).
 *
 * @param institutionCode the 10-digit code of the hospital whose storage this is
 */
public record MappingContext(String institutionCode, StorageFileName file, Reference subject) {

    /**
     * The identifier that ties a resource to its place in the source: institution, data type, order number
     * and the parts given (e.g. the position in the order), so that re-importing the file finds it again.
     */
    public Identifier sourceRecord(String... parts) {
        StringBuilder value = new StringBuilder(institutionCode).append('/').append(file.patientId())
                .append('/').append(file.dataType()).append('/').append(file.orderNumber());
        for (String part : parts) {
            value.append('/').append(part);
        }
        return new Identifier().setSystem(HubIdentifiers.SOURCE_RECORD).setValue(value.toString());
    }
}

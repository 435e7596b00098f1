package org.phrhub.consent.decision;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Optional;

/**
 * What a request asks the server to do, before any data is touched.
 *
 * @param type          the FHIR interaction
 * @param resourceType  the resource type in the URL, if any
 * @param resourceId    the instance id in the URL, if any
 * @param operationName the extended operation, e.g. {@code $everything}, if any
 */
public record RequestedOperation(
        RestOperationTypeEnum type,
        Optional<String> resourceType,
        Optional<String> resourceId,
        Optional<String> operationName) {

    public String describe() {
        StringBuilder text = new StringBuilder(type.getCode());
        operationName.ifPresent(op -> text.append(' ').append(op));
        resourceType.ifPresent(rt -> text.append(" ").append(rt));
        resourceId.ifPresent(id -> text.append('/').append(id));
        return text.toString();
    }
}

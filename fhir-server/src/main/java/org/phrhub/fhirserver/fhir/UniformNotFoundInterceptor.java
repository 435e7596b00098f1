package org.phrhub.fhirserver.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * Gives every "not found" the same body. HAPI words a resource that does not exist and one the consent
 * layer hid with different internal codes; a reader must not be able to tell the two apart.
 */
@Interceptor
public final class UniformNotFoundInterceptor {

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException uniformNotFound(RequestDetails request, Throwable exception) {
        // A deleted resource answers 410 Gone, which would tell a reader it once existed.
        if (!(exception instanceof ResourceNotFoundException) && !(exception instanceof ResourceGoneException)) {
            return null;
        }
        String what = request.getId() != null && request.getId().hasIdPart()
                ? request.getResourceName() + "/" + request.getId().getIdPart()
                : request.getRequestPath();
        return new ResourceNotFoundException("Resource " + what + " is not known");
    }
}

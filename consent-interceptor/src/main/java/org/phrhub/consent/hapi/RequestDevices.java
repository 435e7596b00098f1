package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;

/**
 * The monitors a request's readings name, each read once per request: a gateway's upload of fifty readings
 * from one monitor looks its Device up once, not 150 times. A Device the same request writes is read afresh.
 */
final class RequestDevices {

    private static final String KEY = RequestDevices.class.getName();

    private RequestDevices() {}

    static Optional<Device> lookUp(RequestDetails request, String reference, Function<String, Optional<Device>> read) {
        String key = new IdType(reference).toUnqualifiedVersionless().getValue();
        return devices(request).computeIfAbsent(key, read);
    }

    /** Called for every resource the request writes; only Devices matter. */
    static void forget(RequestDetails request, IBaseResource written) {
        if (written instanceof Device) {
            devices(request).remove(written.fhirType() + "/" + written.getIdElement().getIdPart());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Optional<Device>> devices(RequestDetails request) {
        return (Map<String, Optional<Device>>) request.getUserData().computeIfAbsent(KEY, k -> new HashMap<String, Optional<Device>>());
    }
}

package org.phrhub.telehealth.video;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phrhub.telehealth.record.RecordClients;
import org.phrhub.telehealth.schedule.Appointments;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.telehealth.security.SignedInUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Decides at the WebSocket handshake who may enter a visit's room: only the two participants the
 * Appointment names, as the hub lets the signed-in person read it with their own token. Everyone else is
 * refused with 403, whether the appointment exists or not, so that nothing about it is revealed.
 *
 * <p>The upgrade is a GET that carries the session cookie, so another site could open it from its own page;
 * the Origin header must therefore be the bridge's own.
 */
@Component
class VisitAdmission implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(VisitAdmission.class);
    /** A FHIR resource id; anything else cannot name an appointment. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final RecordClients records;
    private final Appointments appointments;

    VisitAdmission(RecordClients records, Appointments appointments) {
        this.records = records;
        this.appointments = appointments;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request.getHeaders().getOrigin() == null || !WebUtils.isSameOrigin(request)) {
            return refuse(response, HttpStatus.FORBIDDEN);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getURI().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (authentication == null || !FHIR_ID.matcher(id).matches()) {
            return refuse(response, HttpStatus.FORBIDDEN);
        }
        SignedInUser user = SignedInUser.of(authentication);
        Optional<AdmittedParticipant> admitted;
        try {
            admitted = appointments.byId(records.asSignedInUser(user), id).flatMap(visit -> participant(visit, user));
        } catch (ClientAuthorizationRequiredException e) {
            // Keycloak no longer refreshes the person's token: reloading the page signs them in again.
            return refuse(response, HttpStatus.UNAUTHORIZED);
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() == 401 || e.getStatusCode() == 403 || e.getStatusCode() == 404 || e.getStatusCode() == 410) {
                return refuse(response, HttpStatus.FORBIDDEN);
            }
            // Also the hub not answering at all (status 0): the page tells the person to try again.
            log.warn("Could not read Appointment/{} to admit {} to its video visit: HTTP {} {}", id, user.username(),
                    e.getStatusCode(), e.getMessage());
            return refuse(response, HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (admitted.isEmpty()) {
            return refuse(response, HttpStatus.FORBIDDEN);
        }
        attributes.put(AdmittedParticipant.ATTRIBUTE, admitted.get());
        return true;
    }

    /** The signed-in person as one of the visit's two participants; empty when they are neither. */
    static Optional<AdmittedParticipant> participant(ScheduledVisit visit, SignedInUser user) {
        if (visit.patient().isBlank() || visit.clinician().isBlank() || user.fhirUser() == null) {
            return Optional.empty();
        }
        if (user.fhirUser().equals(visit.clinician())) {
            return Optional.of(new AdmittedParticipant(visit.appointmentId(), visit.clinician(), visit.patient(), VisitRole.CLINICIAN));
        }
        if (user.fhirUser().equals(visit.patient())) {
            return Optional.of(new AdmittedParticipant(visit.appointmentId(), visit.patient(), visit.clinician(), VisitRole.PATIENT));
        }
        return Optional.empty();
    }

    private static boolean refuse(ServerHttpResponse response, HttpStatus status) {
        response.setStatusCode(status);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {
        // Nothing to undo: admission only adds a session attribute.
    }
}

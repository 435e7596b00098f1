package org.phrhub.fhirserver.booking;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.consent.hapi.Refusals;
import org.phrhub.consent.hapi.RequesterResolver;
import org.springframework.stereotype.Component;

/**
 * {@code POST Slot/{id}/$book [reason]}: the signed-in resident books the free slot for themselves and gets
 * the online Appointment ({@link SlotBooker}); 409 when someone else was quicker. The access rules admit
 * residents alone, and the patient booked for is always the one the token names, never a parameter.
 */
@Component
public class SlotBookingOperation {

    private final SlotBooker booker;
    private final RequesterResolver requesters;
    private final ConsentGuard guard;

    public SlotBookingOperation(SlotBooker booker, RequesterResolver requesters, ConsentGuard guard) {
        this.booker = booker;
        this.requesters = requesters;
        this.guard = guard;
    }

    @Operation(name = AccessPolicy.BOOK, typeName = "Slot", idempotent = false)
    public Appointment book(@IdParam IdType slot, @OperationParam(name = "reason", max = 1) StringType reason,
            RequestDetails request) {
        String patient = requesters.resolve(request).flatMap(r -> r.ownPatientReference())
                .orElseThrow(() -> Refusals.forbidden(AccessPolicy.BOOK + " is for residents booking for themselves."));
        SlotBooker.Booking booking = booker.book(slot.getIdPart(), patient,
                Optional.ofNullable(reason).map(StringType::getValue));
        guard.writeAudit(request, "booking of Slot/" + slot.getIdPart() + " with " + booking.clinician())
                .written(Set.of(patient));
        return booking.appointment();
    }
}

package org.phrhub.fhirserver.booking;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.vocabulary.FhirCrossVersion;
import org.phrhub.vocabulary.HubVisitCodes;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Residents book a clinician's free slot with {@code Slot/{id}/$book}: exactly once, also when two of them
 * press the button at the same moment, always for themselves, and nobody marks a slot busy any other way.
 */
class SlotBookingTest extends FhirServerIntegrationTest {

    private static final String SCHEDULE = "booking-test-dr-suzuki";
    private static final ZonedDateTime FAR_AHEAD = ZonedDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
            .plusYears(2).withHour(9).withMinute(0).withSecond(0).withNano(0);
    private static ExecutorService residents;

    @Autowired
    private DaoRegistry daos;

    private static int nextSlot;

    @BeforeAll
    static void twoResidents() {
        residents = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void done() {
        residents.shutdownNow();
    }

    @Test
    void twoResidentsBookingTheSameSlotAtOnceGetOneAppointmentBetweenThem() throws Exception {
        String hanako = tokenOf("hanako");
        String taro = tokenOf("taro");
        for (int round = 0; round < 25; round++) {
            String slot = freeSlot();
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Response> first = residents.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return book(slot, hanako);
            });
            Future<Response> second = residents.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return book(slot, taro);
            });
            List<Response> answers = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

            assertThat(answers).extracting(Response::status).as("round %d: %s", round, answers).containsExactlyInAnyOrder(200, 409);
            Response loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(loser.diagnostics()).contains("この枠は先に予約されました").contains("booked by someone else");
            Appointment won = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow().resource(Appointment.class);
            String winner = won.getParticipant().get(0).getActor().getReference();
            assertThat(appointmentsOf(slot)).as("round %d: one Appointment for the slot", round).hasSize(1)
                    .first().satisfies(a -> assertThat(a.getParticipantFirstRep().getActor().getReference()).isEqualTo(winner));
            assertThat(stored(slot).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
        }
    }

    @Test
    void aResidentBooksForHerselfAnOnlineVisitWithTheClinicianOfTheSchedule() {
        String slot = freeSlot();
        Response answer = book(slot, tokenOf("hanako"), "血圧の相談");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Appointment appointment = answer.resource(Appointment.class);
        assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(appointment.getParticipant()).extracting(p -> p.getActor().getReference())
                .containsExactly("Patient/hanako", "Practitioner/dr-suzuki");
        assertThat(appointment.getParticipantFirstRep().getActor().getDisplay()).isEqualTo("山田 花子");
        assertThat(appointment.getSlotFirstRep().getReference()).isEqualTo("Slot/" + slot);
        assertThat(appointment.getStart()).isEqualTo(stored(slot).getStart());
        assertThat(appointment.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo(HubVisitCodes.ONLINE_DIAGNOSIS);
        assertThat(appointment.getReasonCodeFirstRep().getText()).isEqualTo("血圧の相談");
        Extension service = appointment.getExtensionByUrl(FhirCrossVersion.APPOINTMENT_VIRTUAL_SERVICE);
        assertThat(service.getExtensionByUrl(FhirCrossVersion.SESSION_KEY).getValue().primitiveValue()).matches("vr-[a-z0-9]{16}");

        String id = appointment.getIdElement().toUnqualifiedVersionless().getValue();
        assertThat(fhir.get(id, tokenOf("dr.suzuki")).status()).as("the clinician reads the booking").isEqualTo(200);
        assertThat(fhir.get(id, tokenOf("taro")).status()).as("another resident does not").isEqualTo(404);
        assertThat(book(slot, tokenOf("taro")).status()).as("a booked slot stays booked").isEqualTo(409);
        assertThat(appointmentsOf(slot)).hasSize(1);
    }

    @Test
    void nobodyButTheBookingMarksASlotBusyOrBooksInAResidentsName() {
        String slot = freeSlot();
        Slot busy = stored(slot);
        busy.setStatus(Slot.SlotStatus.BUSY);

        assertThat(fhir.put("Slot/" + slot, tokenOf("hanako"), busy).status()).isEqualTo(403);
        assertThat(fhir.put("Slot/" + slot, tokenOf("dr.suzuki"), busy).status()).isEqualTo(403);
        assertThat(book(slot, tokenOf("dr.suzuki")).status()).as("a clinician books for nobody").isEqualTo(403);
        assertThat(book(slot, clientToken("city-broker")).status()).isEqualTo(403);
        assertThat(stored(slot).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(appointmentsOf(slot)).isEmpty();
        assertThat(book("no-such-slot", tokenOf("hanako")).status()).isEqualTo(404);
    }

    @Test
    void residentsFindFreeSlotsWithTheirCliniciansSchedules() {
        freeSlot();
        Bundle found = fhir.get("Slot?schedule=Schedule/" + SCHEDULE + "&status=free&_include=Slot:schedule&_count=200",
                tokenOf("taro")).bundle();

        assertThat(found.getEntry()).extracting(e -> e.getResource().fhirType()).contains("Slot", "Schedule");
        assertThat(fhir.get("Schedule/dr-suzuki-online-diagnosis", tokenOf("hanako")).status())
                .as("the demo's schedule is directory data").isEqualTo(200);
        Bundle demoSlots = fhir.get("Slot?schedule=Schedule/ph-ito-medication-guidance&status=free&_count=5", tokenOf("hanako")).bundle();
        assertThat(demoSlots.getEntry()).as("the demo seeds ph.ito's free slots of the coming weekdays").isNotEmpty();
    }

    private Response book(String slot, String token) {
        return fhir.post("Slot/" + slot + "/$book", token, new Parameters());
    }

    private Response book(String slot, String token, String reason) {
        Parameters parameters = new Parameters();
        parameters.addParameter("reason", new StringType(reason));
        return fhir.post("Slot/" + slot + "/$book", token, parameters);
    }

    /** A new free 30-minute slot on the test's own schedule of dr.suzuki, two years ahead. */
    private synchronized String freeSlot() {
        Schedule schedule = new Schedule();
        schedule.setId(SCHEDULE);
        schedule.setActive(true);
        schedule.addServiceType(new CodeableConcept(new Coding(HubVisitCodes.ONLINE_SERVICE, HubVisitCodes.ONLINE_DIAGNOSIS, "オンライン診療")));
        schedule.addActor(new Reference("Practitioner/dr-suzuki").setDisplay("鈴木 一郎"));
        daos.getResourceDao(Schedule.class).update(schedule, new SystemRequestDetails());
        ZonedDateTime start = FAR_AHEAD.plus(Duration.ofMinutes(30L * nextSlot++));
        Slot slot = new Slot();
        slot.setSchedule(new Reference("Schedule/" + SCHEDULE));
        slot.setStatus(Slot.SlotStatus.FREE);
        slot.setStart(Date.from(start.toInstant()));
        slot.setEnd(Date.from(start.plusMinutes(30).toInstant()));
        return daos.getResourceDao(Slot.class).create(slot, new SystemRequestDetails()).getId().getIdPart();
    }

    private Slot stored(String slot) {
        return daos.getResourceDao(Slot.class).read(new org.hl7.fhir.r4.model.IdType("Slot", slot), new SystemRequestDetails());
    }

    private List<Appointment> appointmentsOf(String slot) {
        SearchParameterMap search = SearchParameterMap.newSynchronous("slot", new ReferenceParam("Slot/" + slot));
        List<Appointment> found = new ArrayList<>();
        for (IBaseResource resource : daos.getResourceDao(Appointment.class).search(search, new SystemRequestDetails()).getAllResources()) {
            found.add((Appointment) resource);
        }
        return found;
    }

}

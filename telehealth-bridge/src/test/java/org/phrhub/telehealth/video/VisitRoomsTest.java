package org.phrhub.telehealth.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rooms without a browser: who gets in, who hears what, and what a second tab does. */
class VisitRoomsTest {

    private static final String VISIT = "Appointment/visit-1";
    private static final String DOCTOR = "Practitioner/dr-suzuki";
    private static final String PATIENT = "Patient/hanako";

    private final VisitRooms rooms = new VisitRooms();

    @Test
    void bothParticipantsAreAdmittedAndToldOfEachOther() {
        FakePeer doctor = doctor();
        FakePeer patient = patient();

        assertTrue(rooms.join(doctor));
        assertEquals(List.of(SignalMessages.welcome(VisitRole.CLINICIAN, false)), doctor.received);
        assertTrue(rooms.join(patient));

        assertEquals(List.of(SignalMessages.welcome(VisitRole.PATIENT, true)), patient.received);
        assertEquals(SignalMessages.peerJoined(), doctor.last());
        assertTrue(rooms.bothHere(doctor));
    }

    @Test
    void someoneTheRoomWasNotOpenedForIsRefused() {
        FakePeer doctor = doctor();
        rooms.join(doctor);
        // A peer whose admission names another pair: the room holds only the Appointment's two participants.
        FakePeer stranger = new FakePeer(new AdmittedParticipant(VISIT, "Patient/taro", DOCTOR, VisitRole.PATIENT));

        assertFalse(rooms.join(stranger));
        assertEquals(1, doctor.received.size(), "the doctor hears nothing of the refused one");
        assertFalse(rooms.bothHere(doctor));
    }

    @Test
    void messagesGoOnlyToTheOtherParticipant() {
        FakePeer doctor = doctor();
        FakePeer patient = patient();
        rooms.join(doctor);
        rooms.join(patient);
        FakePeer elsewhere = new FakePeer(new AdmittedParticipant("Appointment/visit-2", DOCTOR, "Patient/taro", VisitRole.CLINICIAN));
        rooms.join(elsewhere);
        int doctorHad = doctor.received.size();

        rooms.relay(doctor, "{\"type\":\"offer\"}");

        assertEquals("{\"type\":\"offer\"}", patient.last());
        assertEquals(doctorHad, doctor.received.size(), "nothing echoes back to the sender");
        assertEquals(1, elsewhere.received.size(), "another visit's room hears nothing");
    }

    @Test
    void aMessageToAnEmptySeatIsDropped() {
        FakePeer doctor = doctor();
        rooms.join(doctor);

        rooms.relay(doctor, "{\"type\":\"offer\"}");

        assertEquals(1, doctor.received.size());
    }

    @Test
    void aSecondTabOfTheSamePersonReplacesTheFirst() {
        FakePeer doctor = doctor();
        FakePeer patient = patient();
        rooms.join(doctor);
        rooms.join(patient);
        FakePeer patientsSecondTab = patient();

        assertTrue(rooms.join(patientsSecondTab));

        assertTrue(patient.replaced);
        assertEquals(SignalMessages.welcome(VisitRole.PATIENT, true), patientsSecondTab.last());
        assertEquals(SignalMessages.peerJoined(), doctor.last(), "the doctor starts afresh with the new tab");

        rooms.relay(doctor, "{\"type\":\"offer\"}");
        assertEquals("{\"type\":\"offer\"}", patientsSecondTab.last());
        int oldTabHad = patient.received.size();
        int doctorHad = doctor.received.size();
        rooms.relay(patient, "{\"type\":\"answer\"}");
        assertEquals(doctorHad, doctor.received.size(), "the replaced tab no longer reaches the doctor");

        // The replaced tab's connection closing afterwards must not take the new tab out.
        rooms.leave(patient);
        assertTrue(rooms.bothHere(patientsSecondTab));
        assertEquals(doctorHad, doctor.received.size());
        assertEquals(oldTabHad, patient.received.size());
    }

    @Test
    void leavingTellsTheOtherAndAnEmptyRoomOpensAgain() {
        FakePeer doctor = doctor();
        FakePeer patient = patient();
        rooms.join(doctor);
        rooms.join(patient);

        rooms.leave(patient);
        assertEquals(SignalMessages.peerLeft(), doctor.last());
        assertFalse(rooms.bothHere(doctor));

        rooms.leave(doctor);
        FakePeer doctorAgain = doctor();
        assertTrue(rooms.join(doctorAgain));
        assertEquals(SignalMessages.welcome(VisitRole.CLINICIAN, false), doctorAgain.last());
    }

    @Test
    void mediaOnceSeenStaysSeen() {
        VisitMedia media = new VisitMedia(Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC));
        AdmittedParticipant pharmacist = new AdmittedParticipant(VISIT, "Practitioner/ph-ito", PATIENT, VisitRole.CLINICIAN);

        media.report(pharmacist, true, false);
        media.report(pharmacist, false, true);
        media.report(pharmacist, false, false);

        MediaSeen seen = media.seenBy("visit-1", "Practitioner/ph-ito");
        assertTrue(seen.videoAndAudio());
        assertEquals(Instant.parse("2026-12-01T01:00:00Z"), seen.bothSince().orElseThrow());
        assertEquals(MediaSeen.NOTHING, media.seenBy(VISIT, PATIENT), "each side's evidence is its own");
        media.forget(VISIT);
        assertEquals(MediaSeen.NOTHING, media.seenBy(VISIT, "Practitioner/ph-ito"));
    }

    private static FakePeer doctor() {
        return new FakePeer(new AdmittedParticipant(VISIT, DOCTOR, PATIENT, VisitRole.CLINICIAN));
    }

    private static FakePeer patient() {
        return new FakePeer(new AdmittedParticipant(VISIT, PATIENT, DOCTOR, VisitRole.PATIENT));
    }

    private static final class FakePeer implements Peer {
        private final AdmittedParticipant participant;
        final List<String> received = new ArrayList<>();
        boolean replaced;

        FakePeer(AdmittedParticipant participant) {
            this.participant = participant;
        }

        @Override
        public AdmittedParticipant participant() {
            return participant;
        }

        @Override
        public void send(String json) {
            received.add(json);
        }

        @Override
        public void closeAsReplaced() {
            replaced = true;
        }

        String last() {
            return received.getLast();
        }
    }
}

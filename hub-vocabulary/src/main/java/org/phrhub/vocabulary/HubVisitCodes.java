package org.phrhub.vocabulary;

/**
 * The hub's own code systems for online consultations, where R4 has no standard one: how the parties
 * meet (R5's virtual-service types name only commercial products) and what the appointment is for.
 */
public final class HubVisitCodes {

    /** Kinds of virtual service, for the channel type of an Appointment's virtual service. */
    public static final String VIRTUAL_SERVICE_TYPE = "https://phr-hub.example/fhir/CodeSystem/virtual-service-type";
    /** Video and audio between two browsers (WebRTC), set up by the telehealth bridge. */
    public static final String WEBRTC_VIDEO = "webrtc-video";

    /** Services the hub's clinicians offer online, for {@code Appointment.serviceType}. */
    public static final String ONLINE_SERVICE = "https://phr-hub.example/fhir/CodeSystem/online-service";
    /** A physician's online consultation (オンライン診療). */
    public static final String ONLINE_DIAGNOSIS = "online-diagnosis";
    /** A pharmacist's online medication guidance (オンライン服薬指導). */
    public static final String MEDICATION_GUIDANCE = "medication-guidance";
    /** A physician's online health consultation (オンライン健康相談), without diagnosis or prescription. */
    public static final String HEALTH_CONSULTATION = "health-consultation";

    /**
     * Sections of the hub's consult note that record what the MHLW online-care guideline asks: both
     * identities confirmed, and the patient's agreement to online care; and the next visit.
     */
    public static final String NOTE_SECTIONS = "https://phr-hub.example/fhir/CodeSystem/online-care-note";
    public static final String ONLINE_CARE_CONFIRMATION = "online-care-confirmation";
    public static final String NEXT_VISIT = "next-visit";

    /** Which occasion a home blood-pressure average is of: {@code morning} or {@code evening} (JSH judges them apart). */
    public static final String HOME_BP_OCCASION_EXTENSION = "https://phr-hub.example/fhir/StructureDefinition/home-bp-occasion";

    private HubVisitCodes() {}
}

package org.phrhub.telehealth.guidance;

/**
 * Whether the pharmacist's browser received the patient's video and audio during the visit: the law counts
 * medication guidance as online only with both (audio alone does not count).
 */
public interface RemoteMedia {

    /** @param participant the pharmacist, e.g. {@code Practitioner/ph-ito} */
    boolean receivedVideoAndAudio(String appointmentId, String participant);
}

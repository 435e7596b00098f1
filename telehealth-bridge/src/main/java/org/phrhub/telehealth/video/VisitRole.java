package org.phrhub.telehealth.video;

/** Which side of the visit a participant is on; the clinician's browser always makes the offer, so the two never glare. */
public enum VisitRole {
    CLINICIAN("clinician"),
    PATIENT("patient");

    private final String json;

    VisitRole(String json) {
        this.json = json;
    }

    /** As the page's script reads it in the {@code welcome} message. */
    public String json() {
        return json;
    }
}

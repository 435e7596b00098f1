package org.phrhub.telehealth.visit;

import org.hl7.fhir.r4.model.Narrative.NarrativeStatus;

/** The human-readable text of what the bridge writes: the clinician's words, escaped, lines kept. */
final class Narrative {

    private Narrative() {}

    static org.hl7.fhir.r4.model.Narrative of(String text) {
        org.hl7.fhir.r4.model.Narrative narrative = new org.hl7.fhir.r4.model.Narrative();
        narrative.setStatus(NarrativeStatus.GENERATED);
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (String line : text.split("\\R", -1)) {
            div.append("<p>").append(escape(line)).append("</p>");
        }
        narrative.setDivAsString(div.append("</div>").toString());
        return narrative;
    }

    /** The lines of a narrative this class wrote, as plain text again. */
    static String textOf(org.hl7.fhir.r4.model.Narrative narrative) {
        return narrative.getDiv().getChildNodes().stream().map(p -> p.allText() == null ? "" : p.allText())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

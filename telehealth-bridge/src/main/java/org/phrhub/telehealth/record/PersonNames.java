package org.phrhub.telehealth.record;

import java.util.List;
import org.hl7.fhir.r4.model.HumanName;
import org.phrhub.vocabulary.JpCore;

/** How the bridge writes a person's name from their record: patients and clinicians alike. */
public final class PersonNames {

    private PersonNames() {}

    /** JP Core: the ideographic (kanji) name first; family name before given names. Empty when there is none. */
    public static String preferred(List<HumanName> names) {
        if (names.isEmpty()) {
            return "";
        }
        HumanName name = names.stream()
                .filter(n -> n.getExtension().stream().anyMatch(x -> JpCore.NAME_REPRESENTATION_EXTENSION.equals(x.getUrl())
                        && x.getValue() != null && JpCore.IDEOGRAPHIC.equals(x.getValue().primitiveValue())))
                .findFirst().orElse(names.getFirst());
        if (name.hasText()) {
            return name.getText();
        }
        return ((name.getFamily() == null ? "" : name.getFamily()) + " " + name.getGivenAsSingleString()).strip();
    }
}

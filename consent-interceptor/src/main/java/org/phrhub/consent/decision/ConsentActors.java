package org.phrhub.consent.decision;

import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;

/** The actors a Consent names anywhere in its provisions. */
public final class ConsentActors {

    private ConsentActors() {}

    public static Set<String> named(Consent consent) {
        Set<String> actors = new LinkedHashSet<>();
        if (consent.hasProvision()) {
            collect(consent.getProvision(), actors);
        }
        return actors;
    }

    private static void collect(ProvisionComponent provision, Set<String> actors) {
        provision.getActor().forEach(a -> {
            String reference = a.getReference().getReferenceElement().toUnqualifiedVersionless().getValue();
            if (reference != null) {
                actors.add(reference);
            }
        });
        provision.getProvision().forEach(p -> collect(p, actors));
    }
}

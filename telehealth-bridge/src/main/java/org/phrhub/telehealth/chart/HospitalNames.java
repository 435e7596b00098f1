package org.phrhub.telehealth.chart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.phrhub.vocabulary.JpCore;

/**
 * Hospitals' names by institution code, from the hub's directory, kept for a few minutes. The directory
 * is not patient data: every signed-in person reads the same Organizations, and no Consent governs them.
 * Keeping it saves each chart section a second request to the hub after its own; a hospital renamed in
 * the directory shows under its new name once {@link #KEPT_FOR} has passed.
 */
final class HospitalNames {

    static final Duration KEPT_FOR = Duration.ofMinutes(10);

    /** A code the directory does not know is kept too, as empty, so it is not asked for on every chart. */
    private record Known(Optional<String> name, Instant until) {}

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Clock clock;

    HospitalNames(Clock clock) {
        this.clock = clock;
    }

    /** The names of those codes the directory knows; one search for the codes not known here yet. */
    Map<String, String> of(IGenericClient fhir, Set<String> institutions) {
        Instant now = clock.instant();
        Set<String> missing = institutions.stream()
                .filter(code -> !known.containsKey(code) || known.get(code).until().isBefore(now))
                .collect(Collectors.toSet());
        if (!missing.isEmpty()) {
            Map<String, String> found = search(fhir, missing);
            Instant until = now.plus(KEPT_FOR);
            missing.forEach(code -> known.put(code, new Known(Optional.ofNullable(found.get(code)), until)));
        }
        Map<String, String> names = new HashMap<>();
        institutions.forEach(code -> Optional.ofNullable(known.get(code)).flatMap(Known::name)
                .ifPresent(name -> names.put(code, name)));
        return names;
    }

    private static Map<String, String> search(IGenericClient fhir, Set<String> institutions) {
        Map<String, String> names = new HashMap<>();
        fhir.search().forResource(Organization.class)
                .where(new TokenClientParam("identifier").exactly().systemAndValues(JpCore.INSTITUTION_CODE, List.copyOf(institutions)))
                .count(institutions.size() * 2)
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(entry -> (Organization) entry.getResource())
                .forEach(hospital -> hospital.getIdentifier().stream()
                        .filter(id -> JpCore.INSTITUTION_CODE.equals(id.getSystem()) && institutions.contains(id.getValue()))
                        .forEach(id -> names.putIfAbsent(id.getValue(), hospital.hasName() ? hospital.getName() : id.getValue())));
        return names;
    }
}

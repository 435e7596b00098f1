package org.phrhub.fhirserver.ingest.bundle;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Points references between a bundle's entries at where the hub stores them. An entry is known by every
 * name a sender may refer to it with: its fullUrl, {@code Type/id}, and the conditional forms
 * {@code Type?identifier=system|value} (of each of its identifiers, its conditional PUT url and its
 * {@code ifNoneExist}), as Synthea writes them. An entry the import leaves out (a type the hub does not keep)
 * is known the same way, so that references to it can be removed rather than left dangling.
 */
final class BundleReferences {

    /** What a name of a left-out entry points at: this prefix and the entry's type. */
    private static final String LEFT_OUT = "left-out:";

    private final FhirTerser terser;
    private final Map<String, String> targets = new HashMap<>();
    /** Names two entries answer to (e.g. a shared identifier): a reference by such a name could mean either. */
    private final Map<String, Integer> ambiguous = new HashMap<>();

    BundleReferences(FhirContext fhir) {
        this.terser = fhir.newTerser();
    }

    /** From now on, references to the entry point at {@code target}. Call before the entry's id changes. */
    void alias(BundleEntry entry, String target) {
        for (String name : namesOf(entry)) {
            String earlier = targets.put(name, target);
            if (earlier != null && !earlier.equals(target)) {
                ambiguous.merge(name, 2, (count, one) -> count + 1);
            }
        }
    }

    /** The entry is not stored: references to it are to be removed ({@link #leftOutType}). */
    void leaveOut(BundleEntry entry) {
        alias(entry, LEFT_OUT + entry.type());
    }

    /** The type of the left-out entry this reference names, if it names one. */
    Optional<String> leftOutType(String value) {
        String target = value == null || ambiguous.containsKey(value) ? null : targetOf(value);
        return target != null && target.startsWith(LEFT_OUT) ? Optional.of(target.substring(LEFT_OUT.length())) : Optional.empty();
    }

    /**
     * Rewrites the entry's references. A reference to another entry is rewritten; a conditional or
     * {@code Type/id} reference to something outside the bundle stays (the server resolves it, or refuses
     * the bundle); a placeholder nothing in the bundle answers to, and any Patient outside the bundle, refuse
     * it: data is attributed to a resident only through a Patient entry that says who they are.
     */
    void rewrite(BundleEntry entry) throws RefusedBundleException {
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(entry.resource(), Reference.class)) {
            String value = reference.getReference();
            if (value == null || value.startsWith("#")) {
                continue;
            }
            if (ambiguous.containsKey(value)) {
                throw new RefusedBundleException(entry.describe() + " refers to " + value + ", which " + ambiguous.get(value)
                        + " entries of the bundle answer to; refer to one of them by its fullUrl");
            }
            String target = targetOf(value);
            if (target != null && target.startsWith(LEFT_OUT)) {
                throw new IllegalStateException(entry.describe() + " still refers to the left-out " + value
                        + "; remove such references before rewriting");
            } else if (target != null) {
                reference.setReference(target);
            } else if (value.startsWith("urn:")) {
                throw new RefusedBundleException(entry.describe() + " refers to " + value + ", which no entry of the bundle is");
            } else if (refersToPatient(value)) {
                throw new RefusedBundleException(entry.describe() + " refers to " + value
                        + ", which is not a Patient entry of the bundle; include the Patient with the hospital's patient number");
            }
        }
    }

    private String targetOf(String value) {
        String target = targets.get(value);
        if (target == null && value.contains("://") && !value.contains("?")) {
            IdType absolute = new IdType(value);
            if (absolute.hasResourceType() && absolute.hasIdPart()) {
                target = targets.get(absolute.getResourceType() + "/" + absolute.getIdPart());
            }
        }
        return target;
    }

    private static boolean refersToPatient(String value) {
        return value.startsWith("Patient/") || value.startsWith("Patient?") || value.contains("/Patient/");
    }

    private static Set<String> namesOf(BundleEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        String type = entry.type();
        if (entry.fullUrl() != null) {
            names.add(entry.fullUrl());
            names.add(relative(type, entry.fullUrl()));
        }
        String id = entry.resource().getIdElement().getValue();
        if (id != null) {
            names.add(relative(type, id));
        }
        for (var base : entry.resource().listChildrenByName("identifier")) {
            if (base instanceof Identifier identifier && identifier.hasSystem() && identifier.hasValue()) {
                names.add(type + "?identifier=" + identifier.getSystem() + "|" + identifier.getValue());
            }
        }
        if (entry.request() != null) {
            if (entry.request().hasUrl() && entry.request().getUrl().contains("?")) {
                names.add(entry.request().getUrl());
            }
            if (entry.request().hasIfNoneExist()) {
                names.add(type + "?" + entry.request().getIfNoneExist());
            }
        }
        names.remove(null);
        return names;
    }

    /** {@code Type/id} of a fullUrl or resource id; null for a placeholder ({@code urn:uuid:}, {@code urn:oid:}). */
    private static String relative(String type, String id) {
        if (id.startsWith("urn:")) {
            return null;
        }
        IdType parsed = new IdType(id);
        return parsed.hasIdPart() ? type + "/" + parsed.getIdPart() : null;
    }
}

package org.phrhub.consent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionDataComponent;
import org.hl7.fhir.r4.model.Period;
import org.phrhub.consent.codes.ConsentTerminology;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.vocabulary.HubRoles;
import org.phrhub.vocabulary.V3ActReason;

/**
 * Walks one Consent's provision tree for one question. A provision applies when every criterion it
 * states matches; a nested provision that applies is an exception to its parent and decides instead
 * of it; among applying siblings a deny wins.
 */
final class ProvisionEvaluator {

    /**
     * What one Consent says.
     *
     * @param explicit false for the opt-in baseline (a root deny without criteria whose nested
     *                 provisions grant): it means "nothing else", not a denial that beats other Consents
     * @param namedLabels security labels the deciding provision or its ancestors name
     * @param namedPurposes purposes of use the deciding provision or its ancestors name
     */
    record Finding(ConsentProvisionType type, boolean explicit, String basis, Set<Code> namedLabels, Set<String> namedPurposes) {

        boolean isPermit() {
            return type == ConsentProvisionType.PERMIT;
        }

        boolean namesPurpose(String purpose) {
            return namedPurposes.contains(purpose);
        }
    }

    private final Reader reader;
    private final DataDescription data;
    private final AccessKind kind;
    private final Instant now;

    ProvisionEvaluator(Reader reader, DataDescription data, AccessKind kind, Instant now) {
        this.reader = reader;
        this.data = data;
        this.kind = kind;
        this.now = now;
    }

    Optional<Finding> evaluate(Consent consent) {
        if (!consent.hasProvision()) {
            return Optional.empty();
        }
        String base = consent.getIdElement().toUnqualifiedVersionless().getValue() + "#provision";
        return evaluate(consent.getProvision(), base, true, Set.of(), Set.of());
    }

    private Optional<Finding> evaluate(ProvisionComponent provision, String path, boolean root, Set<Code> inheritedLabels,
            Set<String> inheritedPurposes) {
        if (!applies(provision)) {
            return Optional.empty();
        }
        Set<Code> labels = new LinkedHashSet<>(inheritedLabels);
        provision.getSecurityLabel().forEach(c -> labels.add(code(c)));
        Set<String> purposes = new LinkedHashSet<>(inheritedPurposes);
        provision.getPurpose().stream().filter(this::isPurpose).forEach(c -> purposes.add(c.getCode()));

        List<Finding> exceptions = new ArrayList<>();
        List<ProvisionComponent> nested = provision.getProvision();
        for (int i = 0; i < nested.size(); i++) {
            evaluate(nested.get(i), path + ".provision[" + i + "]", false, labels, purposes).ifPresent(exceptions::add);
        }
        Optional<Finding> deny = exceptions.stream().filter(f -> !f.isPermit()).findFirst();
        if (deny.isPresent()) {
            return deny;
        }
        // Of several applying permits, the one naming the most labels: it may be the one that lets
        // restricted data through.
        Optional<Finding> permit = exceptions.stream()
                .filter(Finding::isPermit)
                .max(Comparator.comparingInt(f -> f.namedLabels().size()));
        if (permit.isPresent()) {
            return permit;
        }
        if (!provision.hasType() || provision.getType() == ConsentProvisionType.NULL) {
            return Optional.empty();
        }
        boolean baseline = root
                && provision.getType() == ConsentProvisionType.DENY
                // The root period says when the Consent is in force, not whom it denies.
                && !hasCriteria(provision.copy().setPeriod(null))
                && provision.hasProvision();
        return Optional.of(new Finding(provision.getType(), !baseline, path, labels, purposes));
    }

    private boolean applies(ProvisionComponent p) {
        boolean deny = p.getType() == ConsentProvisionType.DENY;
        return within(p.hasPeriod() ? p.getPeriod() : null, now)
                && (!p.hasActor() || p.getActor().stream().anyMatch(this::isReader))
                && (!p.hasPurpose() || p.getPurpose().stream().anyMatch(this::isPurpose))
                && (!p.hasClass_() || p.getClass_().stream().anyMatch(c -> data.type().equals(c.getCode())))
                && (!p.hasCode() || p.getCode().stream().anyMatch(this::namesDataClass))
                && (!p.hasSecurityLabel() || p.getSecurityLabel().stream().anyMatch(l -> code(l).in(data.securityLabels())))
                && (!p.hasDataPeriod() || data.date().map(d -> within(p.getDataPeriod(), d)).orElse(deny))
                && (!p.hasData() || p.getData().stream().anyMatch(this::isThisData))
                && (!p.hasAction() || p.getAction().stream().anyMatch(this::allowsKind));
    }

    static boolean hasCriteria(ProvisionComponent p) {
        return p.hasPeriod() || p.hasActor() || p.hasPurpose() || p.hasClass_() || p.hasCode()
                || p.hasSecurityLabel() || p.hasDataPeriod() || p.hasData() || p.hasAction();
    }

    private boolean isReader(provisionActorComponent actor) {
        String reference = actor.getReference().getReferenceElement().toUnqualifiedVersionless().getValue();
        if (reference == null || !reader.actorReferences().contains(reference)) {
            return false;
        }
        // A hub role narrows the actor to its members of that role, e.g. an organization's pharmacists.
        for (Coding role : actor.getRole().getCoding()) {
            if (HubRoles.SYSTEM.equals(role.getSystem())) {
                Optional<HubRole> needed = HubRole.fromClaim(role.getCode());
                if (needed.isEmpty() || !reader.requester().hasRole(needed.get())) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean isPurpose(Coding purpose) {
        return reader.purpose().equals(purpose.getCode())
                && (!purpose.hasSystem() || V3ActReason.SYSTEM.equals(purpose.getSystem()));
    }

    private boolean namesDataClass(CodeableConcept concept) {
        return concept.getCoding().stream().anyMatch(c -> code(c).in(data.classCodes()));
    }

    private boolean isThisData(provisionDataComponent item) {
        String reference = item.getReference().getReferenceElement().toUnqualifiedVersionless().getValue();
        return data.reference().map(r -> r.equals(reference)).orElse(false);
    }

    private boolean allowsKind(CodeableConcept action) {
        Set<String> allowed = kind == AccessKind.READ
                ? Set.of(ConsentTerminology.ACTION_ACCESS, ConsentTerminology.ACTION_USE)
                : Set.of(ConsentTerminology.ACTION_CORRECT);
        return action.getCoding().stream().anyMatch(c -> allowed.contains(c.getCode()));
    }

    static boolean within(Period period, Instant instant) {
        if (period == null) {
            return true;
        }
        if (period.hasStart() && instant.isBefore(period.getStart().toInstant())) {
            return false;
        }
        if (!period.hasEnd()) {
            return true;
        }
        // An end of "2026-12-31" includes that whole day: compare against the start of the next unit.
        DateTimeType end = period.getEndElement();
        return instant.isBefore(end.getPrecision().add(end.getValue(), 1).toInstant());
    }

    private static Code code(Coding coding) {
        return new Code(coding.getSystem(), coding.getCode() == null ? "" : coding.getCode());
    }
}

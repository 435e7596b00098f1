package org.phrhub.consent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.consent.codes.ConsentTerminology;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.consent.decision.ProvisionEvaluator.Finding;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.vocabulary.V3ActReason;
import org.phrhub.vocabulary.V3Confidentiality;

/**
 * Decides whether a reader may read or write one piece of a patient's data, from that patient's
 * Consents alone. Default deny; an applicable explicit deny in any Consent beats every permit; data
 * labelled restricted is shown only under a permit that names the label; break-the-glass, when
 * switched on, lets a physician stating {@code ETREAT} through and says so.
 */
public final class ConsentDecisionEngine {

    private final boolean breakTheGlassEnabled;

    public ConsentDecisionEngine(boolean breakTheGlassEnabled) {
        this.breakTheGlassEnabled = breakTheGlassEnabled;
    }

    public boolean breakTheGlassEnabled() {
        return breakTheGlassEnabled;
    }

    public AccessDecision decide(Reader reader, DataDescription data, List<Consent> consents, AccessKind kind, Instant now) {
        AccessDecision byConsents = decideByConsents(reader, data, consents, kind, now);
        if (byConsents.isPermit() || !V3ActReason.ETREAT.equals(reader.purpose())) {
            return byConsents;
        }
        // The patient's own word comes first; break-the-glass is the fallback where no Consent permits.
        // A deny that names emergency treatment itself is the patient's refusal of exactly this, and holds.
        if (byConsents instanceof AccessDecision.Deny deny && deny.refusesEmergencyAccess()) {
            return deny;
        }
        return breakTheGlass(reader, data, kind);
    }

    private AccessDecision decideByConsents(Reader reader, DataDescription data, List<Consent> consents, AccessKind kind,
            Instant now) {
        String who = reader.requester().describe();
        List<Finding> permits = new ArrayList<>();
        List<Finding> denies = new ArrayList<>();
        for (Consent consent : consents) {
            if (!isInForce(consent, data.patient(), now)) {
                continue;
            }
            new ProvisionEvaluator(reader, data, kind, now).evaluate(consent).ifPresent(finding -> {
                if (finding.isPermit()) {
                    permits.add(finding);
                } else if (finding.explicit()) {
                    denies.add(finding);
                }
            });
        }
        String what = verb(kind) + " " + data.type() + " of " + data.patient() + " for " + reader.purpose();
        if (!denies.isEmpty()) {
            boolean refusesEmergency = denies.stream().anyMatch(d -> d.namesPurpose(V3ActReason.ETREAT));
            return new AccessDecision.Deny(
                    data.patient() + " denies " + who + " to " + what, bases(denies), refusesEmergency);
        }
        if (permits.isEmpty()) {
            return new AccessDecision.Deny("no active consent of " + data.patient() + " lets " + who + " " + what, List.of());
        }
        Set<Code> restricted = restrictedLabels(data);
        List<Finding> covering = permits.stream()
                .filter(p -> restricted.stream().allMatch(label -> label.in(p.namedLabels())))
                .toList();
        if (covering.isEmpty()) {
            return new AccessDecision.Deny(data.type() + " is labelled restricted ("
                    + restricted.stream().map(Code::code).sorted().collect(Collectors.joining(", "))
                    + ") and no consent of " + data.patient() + " names that label", bases(permits));
        }
        return new AccessDecision.Permit(data.patient() + " permits " + who + " to " + what, bases(covering), false);
    }

    private AccessDecision breakTheGlass(Reader reader, DataDescription data, AccessKind kind) {
        if (!breakTheGlassEnabled) {
            return AccessDecision.deny("emergency access (ETREAT) is switched off on this server");
        }
        if (!reader.requester().hasRole(HubRole.PHYSICIAN) || kind != AccessKind.READ) {
            return AccessDecision.deny("emergency access (ETREAT) lets only physicians read");
        }
        return new AccessDecision.Permit("emergency access by " + reader.requester().describe() + " to "
                + data.type() + " of " + data.patient() + " (break-the-glass)", List.of(), true);
    }

    /** Active, about this patient, of privacy scope, and within the period of its root provision. */
    public static boolean isInForce(Consent consent, String patient, Instant now) {
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            return false;
        }
        if (!patient.equals(patientOf(consent).orElse(null))) {
            return false;
        }
        boolean privacyScope = !consent.hasScope() || consent.getScope().getCoding().stream()
                .map(Coding::getCode)
                .anyMatch(ConsentTerminology.PATIENT_PRIVACY::equals);
        return privacyScope
                && (!consent.hasProvision() || !consent.getProvision().hasPeriod()
                        || ProvisionEvaluator.within(consent.getProvision().getPeriod(), now));
    }

    public static Optional<String> patientOf(Consent consent) {
        return Optional.ofNullable(consent.getPatient().getReferenceElement().toUnqualifiedVersionless().getValue());
    }

    private static Set<Code> restrictedLabels(DataDescription data) {
        return data.securityLabels().stream()
                .filter(l -> V3Confidentiality.RESTRICTED.contains(l.code()))
                .filter(l -> l.system().isEmpty() || V3Confidentiality.SYSTEM.equals(l.system()))
                .collect(Collectors.toSet());
    }

    private static List<String> bases(List<Finding> findings) {
        return findings.stream().map(Finding::basis).distinct().toList();
    }

    private static String verb(AccessKind kind) {
        return kind == AccessKind.READ ? "read" : "write";
    }
}

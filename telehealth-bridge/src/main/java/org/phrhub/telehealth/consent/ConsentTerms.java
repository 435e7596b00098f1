package org.phrhub.telehealth.consent;

import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.V3ActReason;

/**
 * What one opt-in Consent says, in the shape the hub enforces: nothing is shared (a root deny for the
 * Consent's period) except, for the named readers and purpose, one permit per kind of data, and, for a
 * visit, a permit to write the visit's results (no reading in it).
 *
 * @param actors     who may read, e.g. {@code Practitioner/dr-suzuki} or {@code Organization/city-platform}
 * @param purposes   why, v3-ActReason codes such as {@code TREAT}
 * @param data       the kinds of data shared; ignored when {@code everything}
 * @param everything the whole record (a permit without class or code)
 * @param writesResults the readers may add the visit's results to the record
 * @param understood false for a Consent written in another shape (exceptions, labels, single resources):
 *                   it is described as well as possible but only revoked, never rewritten
 */
public record ConsentTerms(Set<String> actors, Set<String> purposes, Set<SharedData> data, boolean everything,
        boolean otherData, boolean writesResults, Optional<Instant> start, Optional<Instant> end, boolean understood) {

    /** One reader, one purpose, the kinds ticked; {@code end} empty: until the resident revokes it. */
    public static ConsentTerms forReader(String actor, String purpose, Set<SharedData> data, Instant start, Optional<Instant> end,
            boolean writesResults) {
        return new ConsentTerms(Set.of(actor), Set.of(purpose), data.isEmpty() ? Set.of() : EnumSet.copyOf(data), false,
                false, writesResults, Optional.of(start), end, true);
    }

    /** Reads the Consent's provisions. */
    public static ConsentTerms of(Consent consent) {
        Reading reading = new Reading();
        ProvisionComponent root = consent.getProvision();
        boolean baselineDeny = root.getType() == ConsentProvisionType.DENY && !root.hasActor() && !root.hasPurpose()
                && !root.hasClass_() && !root.hasCode() && !root.hasAction() && !root.hasSecurityLabel() && !root.hasData()
                && !root.hasDataPeriod();
        if (baselineDeny) {
            root.getProvision().forEach(reading::read);
        } else {
            reading.read(root);
        }
        Period period = root.getPeriod();
        return new ConsentTerms(reading.actors, reading.purposes, reading.data, reading.everything, reading.other,
                reading.writes, Optional.ofNullable(period.getStart()).map(Date::toInstant),
                Optional.ofNullable(period.getEnd()).map(Date::toInstant), reading.understood && baselineDeny);
    }

    /** The same readers and purposes with less data and perhaps an earlier end, as the resident narrows it. */
    public ConsentTerms narrowedTo(Set<SharedData> kept, Instant newEnd) {
        return new ConsentTerms(actors, purposes, kept.isEmpty() ? Set.of() : EnumSet.copyOf(kept), false, false,
                writesResults, start, Optional.of(newEnd), understood);
    }

    /** What the resident shares now: every kind when the Consent opens the whole record. */
    public Set<SharedData> sharedKinds() {
        return everything ? EnumSet.allOf(SharedData.class) : data;
    }

    /** A new Consent of {@code patient} with these terms, given at {@code now}. */
    public Consent toConsent(String patient, Instant now) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(Hl7Terminology.CONSENT_SCOPE, Hl7Terminology.PATIENT_PRIVACY, null)));
        consent.addCategory(new CodeableConcept(new Coding(Loinc.SYSTEM, Loinc.PATIENT_CONSENT, "Patient Consent")));
        consent.setPatient(new Reference(patient));
        consent.setDateTime(Date.from(now));
        consent.getPolicyRule().addCoding(new Coding(Hl7Terminology.ACT_CODE, Hl7Terminology.OPT_IN, null));
        writeProvisions(consent);
        return consent;
    }

    /** Replaces the Consent's provisions by these terms; its status, patient and history stay. */
    public void writeProvisions(Consent consent) {
        ProvisionComponent root = new ProvisionComponent().setType(ConsentProvisionType.DENY);
        Period period = new Period();
        start.ifPresent(s -> period.setStart(Date.from(s)));
        end.ifPresent(e -> period.setEnd(Date.from(e)));
        root.setPeriod(period);
        for (SharedData kind : sharedKinds()) {
            kind.describe(permit(root));
        }
        if (writesResults) {
            permit(root).addAction(new CodeableConcept(new Coding(Hl7Terminology.CONSENT_ACTION, Hl7Terminology.CONSENT_CORRECT, null)));
        }
        consent.setProvision(root);
    }

    private ProvisionComponent permit(ProvisionComponent root) {
        ProvisionComponent permit = root.addProvision().setType(ConsentProvisionType.PERMIT);
        for (String actor : actors) {
            permit.addActor()
                    .setRole(new CodeableConcept(new Coding(Hl7Terminology.PARTICIPATION_TYPE, Hl7Terminology.INFORMATION_RECIPIENT,
                            "information recipient")))
                    .setReference(new Reference(actor));
        }
        purposes.forEach(p -> permit.addPurpose(new Coding(V3ActReason.SYSTEM, p, null)));
        return permit;
    }

    /** Walks the permits; any provision this bridge does not write makes the Consent not understood. */
    private static final class Reading {
        final Set<String> actors = new LinkedHashSet<>();
        final Set<String> purposes = new LinkedHashSet<>();
        final Set<SharedData> data = EnumSet.noneOf(SharedData.class);
        boolean everything;
        boolean other;
        boolean writes;
        boolean understood = true;
        private Set<String> firstActors;
        private Set<String> firstPurposes;

        void read(ProvisionComponent provision) {
            if (provision.getType() != ConsentProvisionType.PERMIT || provision.hasProvision() || provision.hasSecurityLabel()
                    || provision.hasData() || provision.hasDataPeriod() || provision.hasPeriod()) {
                understood = false;
            }
            if (provision.getType() != ConsentProvisionType.PERMIT) {
                return;
            }
            Set<String> who = new LinkedHashSet<>();
            provision.getActor().forEach(a -> who.add(a.getReference().getReferenceElement().toUnqualifiedVersionless().getValue()));
            Set<String> why = new LinkedHashSet<>();
            provision.getPurpose().forEach(p -> why.add(p.getCode()));
            if (firstActors == null) {
                firstActors = who;
                firstPurposes = why;
            } else if (!firstActors.equals(who) || !firstPurposes.equals(why)) {
                understood = false;
            }
            actors.addAll(who);
            purposes.addAll(why);
            List<String> actions = provision.getAction().stream().flatMap(a -> a.getCoding().stream()).map(Coding::getCode).toList();
            if (actions.equals(List.of(Hl7Terminology.CONSENT_CORRECT)) && !provision.hasClass_() && !provision.hasCode()) {
                writes = true;
                return;
            }
            if (!actions.isEmpty()) {
                understood = false;
            }
            if (!provision.hasClass_() && !provision.hasCode()) {
                everything = true;
                writes = writes || actions.isEmpty();
                return;
            }
            SharedData.of(provision).ifPresentOrElse(data::add, () -> {
                other = true;
                understood = false;
            });
        }
    }
}

package org.phrhub.telehealth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.V3ActReason;

class ConsentTermsTest {

    private static final Instant GIVEN = Instant.parse("2026-12-01T01:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-08T14:59:59Z");

    @Test
    void aVisitConsentReadsBackAsTheTickedKindsForThatClinician() {
        Consent consent = ConsentTerms.forReader("Practitioner/dr-suzuki", V3ActReason.TREAT,
                EnumSet.of(SharedData.HOME_BLOOD_PRESSURE, SharedData.PRESCRIPTIONS), GIVEN, Optional.of(UNTIL), true).toConsent("Patient/hanako", GIVEN);

        ConsentTerms terms = ConsentTerms.of(consent);

        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(consent.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.DENY);
        assertThat(consent.getProvision().getProvision()).hasSize(3);
        assertThat(terms.actors()).containsExactly("Practitioner/dr-suzuki");
        assertThat(terms.purposes()).containsExactly(V3ActReason.TREAT);
        assertThat(terms.data()).containsExactlyInAnyOrder(SharedData.HOME_BLOOD_PRESSURE, SharedData.PRESCRIPTIONS);
        assertThat(terms.everything()).isFalse();
        assertThat(terms.writesResults()).isTrue();
        assertThat(terms.understood()).isTrue();
        assertThat(terms.end()).contains(UNTIL);
    }

    @Test
    void aWholeRecordConsentNarrowsToTheKindsKeptAndAnEarlierEnd() {
        Consent seeded = new Consent();
        seeded.setStatus(Consent.ConsentState.ACTIVE);
        seeded.setPatient(new Reference("Patient/hanako"));
        Consent.ProvisionComponent root = seeded.getProvision().setType(Consent.ConsentProvisionType.DENY)
                .setPeriod(new Period().setStart(Date.from(GIVEN)).setEnd(Date.from(UNTIL.plusSeconds(86400 * 20))));
        Consent.ProvisionComponent permit = root.addProvision().setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setReference(new Reference("Practitioner/dr-suzuki"));
        permit.addActor().setReference(new Reference("Practitioner/ph-ito"));
        permit.addPurpose(new Coding(V3ActReason.SYSTEM, V3ActReason.TREAT, null));

        ConsentTerms whole = ConsentTerms.of(seeded);
        assertThat(whole.everything()).isTrue();
        assertThat(whole.writesResults()).as("no action: read and write").isTrue();
        assertThat(whole.understood()).isTrue();
        assertThat(whole.sharedKinds()).containsExactlyInAnyOrder(SharedData.values());

        whole.narrowedTo(EnumSet.of(SharedData.LAB_RESULTS), UNTIL).writeProvisions(seeded);
        ConsentTerms narrowed = ConsentTerms.of(seeded);

        assertThat(narrowed.everything()).isFalse();
        assertThat(narrowed.data()).containsExactly(SharedData.LAB_RESULTS);
        assertThat(narrowed.actors()).containsExactly("Practitioner/dr-suzuki", "Practitioner/ph-ito");
        assertThat(narrowed.end()).contains(UNTIL);
        assertThat(narrowed.start()).isEqualTo(Optional.of(GIVEN));
        assertThat(seeded.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
    }

    @Test
    void aStandingConsentHasNoEndAndNarrowingGivesItOne() {
        Consent consent = ConsentTerms.forReader("Practitioner/dr-sato", V3ActReason.TREAT,
                EnumSet.of(SharedData.CONDITIONS, SharedData.PRESCRIPTIONS), GIVEN, Optional.empty(), false).toConsent("Patient/hanako", GIVEN);

        ConsentTerms standing = ConsentTerms.of(consent);

        assertThat(consent.getProvision().getPeriod().hasEnd()).as("in force until revoked").isFalse();
        assertThat(consent.getProvision().getPeriod().getStart()).isEqualTo(Date.from(GIVEN));
        assertThat(standing.end()).isEmpty();
        assertThat(standing.understood()).isTrue();
        assertThat(standing.writesResults()).isFalse();

        standing.narrowedTo(EnumSet.of(SharedData.CONDITIONS), UNTIL).writeProvisions(consent);
        assertThat(ConsentTerms.of(consent).end()).contains(UNTIL);
        assertThat(ConsentTerms.of(consent).data()).containsExactly(SharedData.CONDITIONS);
    }

    @Test
    void aConsentWithExceptionsIsDescribedButNotRewritten() {
        Consent consent = ConsentTerms.forReader("Organization/city-platform", V3ActReason.PUBHLTH,
                EnumSet.of(SharedData.HOME_BLOOD_PRESSURE), GIVEN, Optional.of(UNTIL), false).toConsent("Patient/hanako", GIVEN);
        consent.getProvision().getProvisionFirstRep().addProvision().setType(Consent.ConsentProvisionType.DENY)
                .addClass_(new Coding(Hl7Terminology.RESOURCE_TYPES, "Observation", null))
                .addSecurityLabel(new Coding(Hl7Terminology.ACT_CODE, "PSY", null));

        ConsentTerms terms = ConsentTerms.of(consent);

        assertThat(terms.understood()).isFalse();
        assertThat(terms.data()).containsExactly(SharedData.HOME_BLOOD_PRESSURE);
        assertThat(terms.purposes()).containsExactly(V3ActReason.PUBHLTH);
    }
}

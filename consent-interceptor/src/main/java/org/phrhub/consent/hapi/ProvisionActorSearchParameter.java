package org.phrhub.consent.hapi;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * A Consent search parameter for the actors of every provision, nested ones included. R4's own
 * {@code actor} indexes only the root provision, but an opt-in usually names its reader in a nested
 * permit under a root deny, so the hub finds "Consents that name this reader" through this one. The
 * host stores it before it serves requests ({@link #definition()}).
 */
public final class ProvisionActorSearchParameter {

    /** The parameter's name in searches, e.g. {@code Consent?provision-actor=Practitioner/x}. */
    public static final String CODE = "provision-actor";

    static final String URL = "https://phr-hub.example/fhir/SearchParameter/consent-provision-actor";
    /** A fixed id, so that storing it again on every start changes nothing. */
    public static final String ID = "consent-provision-actor";

    private ProvisionActorSearchParameter() {}

    public static SearchParameter definition() {
        SearchParameter parameter = new SearchParameter();
        parameter.setId(ID);
        parameter.setUrl(URL);
        parameter.setName("provision-actor");
        parameter.setStatus(PublicationStatus.ACTIVE);
        parameter.setDescription("Who a Consent names as actor in any of its provisions, nested ones included");
        parameter.setCode(CODE);
        parameter.addBase("Consent");
        parameter.setType(SearchParamType.REFERENCE);
        parameter.setExpression("Consent.provision.actor.reference | Consent.provision.repeat(provision).actor.reference");
        parameter.addTarget("Practitioner").addTarget("PractitionerRole").addTarget("Organization").addTarget("CareTeam")
                .addTarget("Patient").addTarget("RelatedPerson").addTarget("Device").addTarget("Group");
        return parameter;
    }
}

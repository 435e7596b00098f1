package org.phrhub.consent.audit;

import org.phrhub.vocabulary.Hl7Terminology;

/** Codes of the IHE Basic Audit Log Patterns (BALP) "AuthZ-Consent" AuditEvent, and DICOM's. */
public final class BalpCodes {

    public static final String PROFILE = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.AuthZconsent";

    public static final String DCM_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String SECURITY_ALERT = "110113";
    public static final String APPLICATION = "110150";
    public static final String DESTINATION = "110152";

    public static final String AUTHZ_SUBTYPE_SYSTEM = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
    public static final String AUTHZ_CONSENT = "AuthZ-Consent";

    public static final String ENTITY_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public static final String ENTITY_PERSON = "1";
    public static final String ENTITY_SYSTEM_OBJECT = "2";
    public static final String OBJECT_ROLE_SYSTEM = Hl7Terminology.OBJECT_ROLE;
    public static final String ROLE_PATIENT = "1";
    public static final String ROLE_DOMAIN_RESOURCE = Hl7Terminology.DOMAIN_RESOURCE;
    /** The {@code entity.detail} type that carries a data entity's category, e.g. {@code vital-signs}. */
    public static final String CATEGORY_DETAIL = "category";

    public static final String PARTICIPATION_SYSTEM = Hl7Terminology.PARTICIPATION_TYPE;
    public static final String INFORMANT = "INF";
    public static final String CUSTODIAN = "CST";
    public static final String RESPONSIBLE_PARTY = "RESP";

    private BalpCodes() {}
}

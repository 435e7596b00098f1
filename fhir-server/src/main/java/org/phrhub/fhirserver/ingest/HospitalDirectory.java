package org.phrhub.fhirserver.ingest;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.vocabulary.JpCore;

/** The hospitals data comes from, as Organizations keyed on their 10-digit institution code. */
public final class HospitalDirectory {

    private static final Pattern INSTITUTION_CODE = Pattern.compile("\\d{10}");

    private final IFhirResourceDao<Organization> organizations;

    public HospitalDirectory(DaoRegistry daos) {
        this.organizations = daos.getResourceDao(Organization.class);
    }

    /** Checks the code's form: Japanese institution codes have 10 digits. */
    public static String requireInstitutionCode(String code) {
        if (code == null || !INSTITUTION_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("the institution code must be the hospital's 10-digit medical institution code, not '"
                    + code + "'");
        }
        return code;
    }

    /** As {@link #requireInstitutionCode}, for a code a request names: a bad one is the caller's 400, after {@code context}. */
    public static String requireInstitutionCodeOfRequest(String code, String context) {
        try {
            return requireInstitutionCode(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(context + e.getMessage());
        }
    }

    /**
     * The hospital's Organization: the one that carries its institution code (e.g. registered in the
     * directory already), else one registered the first time data comes from it.
     */
    public Reference hospital(String institutionCode) {
        Identifier identifier = new Identifier().setSystem(JpCore.INSTITUTION_CODE).setValue(requireInstitutionCode(institutionCode));
        List<IBaseResource> known = organizations.search(SearchParameterMap.newSynchronous()
                .add(Organization.SP_IDENTIFIER, new TokenParam(identifier.getSystem(), identifier.getValue())),
                new SystemRequestDetails()).getAllResources();
        if (!known.isEmpty()) {
            return new Reference("Organization/" + known.getFirst().getIdElement().getIdPart());
        }
        String id = StableIds.of("Organization", identifier);
        try {
            organizations.read(new IdType("Organization", id), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            Organization hospital = new Organization();
            hospital.setId("Organization/" + id);
            hospital.addIdentifier(identifier);
            hospital.setActive(true);
            hospital.setName("Medical institution " + institutionCode);
            organizations.update(hospital, new SystemRequestDetails());
        }
        return new Reference("Organization/" + id);
    }
}

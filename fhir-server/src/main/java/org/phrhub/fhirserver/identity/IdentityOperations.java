package org.phrhub.fhirserver.identity;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.phrhub.fhirserver.ingest.HospitalDirectory;
import org.phrhub.fhirserver.ingest.PatientNumberSystems;
import org.phrhub.vocabulary.JpCore;

/**
 * The operations on residents' identity: {@code $enrol} (a hospital patient number onto a resident) and
 * {@code $identity-review} (the hospital patients waiting for it). The access rules let only the
 * {@code ehr-importer} client call them.
 */
public final class IdentityOperations {

    static final String ENROL = "$enrol";
    static final String IDENTITY_REVIEW = "$identity-review";
    /** The names the operations below are declared with; like the imports, they are for the importer alone. */
    public static final Set<String> NAMES = Set.of(ENROL, IDENTITY_REVIEW);

    private final ResidentDirectory residents;
    private final PatientNumberSystems numberSystems;
    private final IdentityReviewList review;

    public IdentityOperations(ResidentDirectory residents, PatientNumberSystems numberSystems, IdentityReviewList review) {
        this.residents = residents;
        this.numberSystems = numberSystems;
        this.review = review;
    }

    /**
     * Links {@code patientNumber} of {@code institution} to the resident with {@code commonId}. The optional
     * {@code system} is the one the hospital's records carry the number under (as an administrator copies it
     * from them): it must be the one configured for the institution, or JP Core's, so that its bundles find
     * the enrolment. The answer names the resident and the identifier their canonical Patient holds, always in
     * JP Core's form ({@link PatientNumberSystems}).
     */
    @Operation(name = ENROL, idempotent = false)
    public Parameters enrol(
            @OperationParam(name = "commonId", min = 1) StringType commonId,
            @OperationParam(name = "institution", min = 1) StringType institution,
            @OperationParam(name = "patientNumber", min = 1) StringType patientNumber,
            @OperationParam(name = "system") UriType system) {
        String code = HospitalDirectory.requireInstitutionCodeOfRequest(institution.getValue(), "");
        if (system != null && system.hasValue() && !numberSystems.systemsOf(code).contains(system.getValue())) {
            throw new InvalidRequestException("institution " + code + "'s records carry its patient numbers under "
                    + numberSystems.describe(code) + ", not " + system.getValue() + "; if the hospital numbers its patients under "
                    + system.getValue() + ", configure " + PatientNumberSystems.PROPERTY + "." + code + "=" + system.getValue());
        }
        ResidentDirectory.Enrolment enrolment = residents.enrol(commonId.getValue(), code, patientNumber.getValue());
        review.resolve(code, patientNumber.getValue());
        Parameters result = new Parameters();
        result.addParameter("patient", enrolment.resident());
        result.addParameter("linked", new BooleanType(enrolment.linked()));
        result.addParameter().setName("identifier").setValue(new Identifier()
                .setSystem(JpCore.patientNumberSystem(code)).setValue(patientNumber.getValue()));
        result.addParameter("patientNumberSystem", new UriType(numberSystems.systemOf(code)));
        return result;
    }

    /** The hospital patients held for identity review, each with the residents who might be them. */
    @Operation(name = IDENTITY_REVIEW, idempotent = true)
    public Parameters identityReview() {
        Parameters result = new Parameters();
        for (IdentityReviewList.Candidate candidate : review.candidates()) {
            Parameters.ParametersParameterComponent part = result.addParameter().setName("candidate");
            part.addPart().setName("institution").setValue(new StringType(candidate.institutionCode()));
            part.addPart().setName("patientNumber").setValue(new StringType(candidate.patientNumber()));
            candidate.kanaName().ifPresent(v -> part.addPart().setName("kanaName").setValue(new StringType(v)));
            candidate.kanjiName().ifPresent(v -> part.addPart().setName("kanjiName").setValue(new StringType(v)));
            candidate.birthDate().ifPresent(v -> part.addPart().setName("birthDate").setValue(new StringType(v)));
            candidate.gender().ifPresent(v -> part.addPart().setName("gender").setValue(new StringType(v)));
            part.addPart().setName("lastFile").setValue(new StringType(candidate.lastFile()));
            candidate.suggestedResidents().forEach(v -> part.addPart().setName("suggestedResident").setValue(new StringType(v)));
        }
        return result;
    }
}

package org.phrhub.fhirserver.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Validation of mapped resources against the FHIR R4 base specification. The JP Core package is not loaded:
 * the profiles a resource claims are left out of the check (the validator would report them as not found),
 * and Japanese code systems only give "unknown" warnings; errors may not appear.
 */
final class R4Validation {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final FhirValidator VALIDATOR = validator();

    private R4Validation() {}

    /** The error and fatal messages of validating {@code resource}; empty when it is valid R4. */
    static List<String> errors(Resource resource) {
        Resource baseOnly = resource.copy();
        baseOnly.getMeta().getProfile().clear();
        return VALIDATOR.validateWithResult(baseOnly).getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(R4Validation::describe)
                .toList();
    }

    static String json(IBaseResource resource) {
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }

    private static FhirValidator validator() {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR));
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        return validator;
    }
}

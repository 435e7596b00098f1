package org.phrhub.testsupport.fhir;

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
 * Validation of the hub's resources against the FHIR R4 specification and its core profiles (vital signs,
 * blood pressure), as the tests of every module use it. The
 * JP Core package is not loaded: the JP Core profiles a resource claims are left out of the check (the
 * validator would report them as not found), and Japanese code systems only give "unknown" warnings;
 * errors may not appear. FHIR's cross-version extensions for R5 elements
 * ({@code http://hl7.org/fhir/5.0/StructureDefinition/extension-...}) are defined by a package that is
 * not on Maven Central: without it the validator calls their version invalid. That one message is left
 * out, and their content is not checked; the tests that write them check it themselves.
 */
public final class R4Validation {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String R5_CROSS_VERSION_EXTENSIONS = "http://hl7.org/fhir/5.0/StructureDefinition/extension-";
    private static final String UNDEFINED_CROSS_VERSION = "Extension_EXT_Version_Invalid";
    private static final FhirValidator VALIDATOR = validator();

    private R4Validation() {}

    /** The error and fatal messages of validating {@code resource}; empty when it is valid R4. */
    public static List<String> errors(Resource resource) {
        Resource baseOnly = resource.copy();
        baseOnly.getMeta().getProfile().removeIf(profile -> profile.getValue().startsWith("http://jpfhir.jp/"));
        return VALIDATOR.validateWithResult(baseOnly).getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .filter(message -> !isUndefinedCrossVersionExtension(message))
                .map(R4Validation::describe)
                .toList();
    }

    /** Fails the test with the resource and its errors when any resource is not valid R4. */
    public static void assertValid(List<? extends Resource> resources) {
        for (Resource resource : resources) {
            List<String> errors = errors(resource);
            if (!errors.isEmpty()) {
                throw new AssertionError("validation errors of " + json(resource) + ": " + errors);
            }
        }
    }

    public static String json(IBaseResource resource) {
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    private static boolean isUndefinedCrossVersionExtension(SingleValidationMessage message) {
        return UNDEFINED_CROSS_VERSION.equals(message.getMessageId())
                && message.getMessage() != null && message.getMessage().contains(R5_CROSS_VERSION_EXTENSIONS);
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

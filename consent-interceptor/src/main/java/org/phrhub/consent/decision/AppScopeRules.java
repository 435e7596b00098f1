package org.phrhub.consent.decision;

import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.CREATE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.DELETE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.GET_PAGE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.HISTORY_INSTANCE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.PATCH;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.READ;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_TYPE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.UPDATE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.VREAD;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phrhub.consent.requester.Requester;
import org.phrhub.consent.requester.SmartScopes;
import org.phrhub.consent.requester.SmartScopes.Permission;

/**
 * What an app of a resident's own may do by the SMART scopes its token was granted. These rules come on
 * top of the hub's, never instead: an app sees at most what its resident sees, and of that only the types
 * its scopes name, and only the record of the patient in context (the resident's own Patient), whatever
 * else the resident might read by other rules. Types outside the scopes are refused when asked for by
 * URL and left out when they would come along ({@code _include}, {@code _revinclude}, {@code $everything}).
 */
final class AppScopeRules {

    private static final Map<RestOperationTypeEnum, Permission> NEEDED = Map.of(
            READ, Permission.READ,
            VREAD, Permission.READ,
            HISTORY_INSTANCE, Permission.READ,
            SEARCH_TYPE, Permission.SEARCH,
            CREATE, Permission.CREATE,
            UPDATE, Permission.UPDATE,
            PATCH, Permission.UPDATE,
            DELETE, Permission.DELETE);

    private static final String EVERYTHING = "$everything";

    private AppScopeRules() {}

    /** Whether the app's scopes let the request start; the hub's own rules are asked besides. */
    static AccessDecision decideOperation(Requester requester, SmartScopes scopes, RequestedOperation operation) {
        Optional<AccessDecision> noContext = withoutPatientContext(requester, scopes);
        if (noContext.isPresent()) {
            return noContext.get();
        }
        RestOperationTypeEnum type = operation.type();
        if (type == GET_PAGE) {
            return AccessDecision.permit("the next page of a search the app's scopes allowed");
        }
        if (type == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                && operation.operationName().filter(EVERYTHING::equals).isPresent()) {
            return AccessDecision.permit("the record is limited to the types the app's scopes name");
        }
        Permission needed = NEEDED.get(type);
        String resourceType = operation.resourceType().orElse(null);
        if (needed == null || resourceType == null) {
            return AccessDecision.deny(operation.describe() + " is not open to apps: an app reads and searches one"
                    + " resource type at a time, as its scopes allow");
        }
        if (scopes.permits(resourceType, needed)) {
            return AccessDecision.permit("the app's scopes allow " + operation.describe());
        }
        return AccessDecision.deny("the app " + requester.clientId() + " was not granted "
                + needs(resourceType, needed) + " so it may not " + operation.describe()
                + " (its token's scopes: " + scopes.describe() + "); sign in to the app again and allow it");
    }

    /** Whether a resource may reach the app: a type its scopes name, of the patient in context or of no patient. */
    static AccessDecision decideRead(Requester requester, SmartScopes scopes, String type, DataOwnership ownership) {
        Optional<AccessDecision> noContext = withoutPatientContext(requester, scopes);
        if (noContext.isPresent()) {
            return noContext.get();
        }
        if (!scopes.permits(type, Permission.READ) && !scopes.permits(type, Permission.SEARCH)) {
            return AccessDecision.deny("the app " + requester.clientId() + " was not granted " + SmartScopes.readScopeFor(type));
        }
        String context = requester.ownPatientReference().orElseThrow();
        if (ownership instanceof DataOwnership.PatientData data && !data.patients().contains(context)) {
            return AccessDecision.deny("the app " + requester.clientId() + " reads only the record of " + context
                    + ", its patient in context");
        }
        return AccessDecision.permit("the app's scopes allow " + type);
    }

    /** Whether the app may store this resource: a type its scopes let it create or update, in its patient's record. */
    static AccessDecision decideWrite(Requester requester, SmartScopes scopes, String type, DataOwnership ownership) {
        Optional<AccessDecision> noContext = withoutPatientContext(requester, scopes);
        if (noContext.isPresent()) {
            return noContext.get();
        }
        if (!scopes.permits(type, Permission.CREATE) && !scopes.permits(type, Permission.UPDATE)) {
            return AccessDecision.deny("the app " + requester.clientId() + " was not granted to write " + type
                    + " (its token's scopes: " + scopes.describe() + ")");
        }
        String context = requester.ownPatientReference().orElseThrow();
        if (!(ownership instanceof DataOwnership.PatientData data) || !data.belongsOnlyTo(context)) {
            return AccessDecision.deny("the app " + requester.clientId() + " writes only into the record of " + context);
        }
        return AccessDecision.permit("the app's scopes allow writing " + type);
    }

    /** {@code patient/} scopes are about one patient: without one in context they grant nothing. */
    private static Optional<AccessDecision> withoutPatientContext(Requester requester, SmartScopes scopes) {
        if (!scopes.grantsData()) {
            return Optional.of(AccessDecision.deny("the app " + requester.clientId() + " was granted no data scopes"
                    + " (its token's scopes: " + scopes.describe() + "); ask for patient/<type>.rs scopes"));
        }
        if (requester.ownPatientReference().isEmpty()) {
            return Optional.of(AccessDecision.deny("the app " + requester.clientId() + " has no patient in context:"
                    + " patient/ scopes are for a resident signed in with their own Patient record"));
        }
        return Optional.empty();
    }

    private static String needs(String resourceType, Permission permission) {
        return switch (permission) {
            case READ, SEARCH -> SmartScopes.readScopeFor(resourceType) + " (or patient/*.rs)";
            default -> "a scope to " + permission.name().toLowerCase(Locale.ROOT) + " " + resourceType;
        };
    }
}

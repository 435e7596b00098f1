package org.phrhub.consent.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.dao.MatchResourceUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.AppointmentParticipants;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.consent.decision.PatientCompartment;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.consent.search.DataFilter;
import org.phrhub.consent.search.SearchScope;
import org.phrhub.consent.search.SearchScopeCompiler;
import org.phrhub.vocabulary.V3ActReason;

/**
 * Pushes each search's consent decision into the query before it runs: a patient's search is limited
 * to their own record, a clinician's or the city broker's to the patients who opted in for them and
 * to the classes those patients allowed (and, for Appointments, to those that name the clinician as
 * participant besides). The database then pages and counts only what the reader may
 * see, so pages are full and {@code Bundle.total} is exact. A search whose limits cannot be written as
 * a query is refused rather than answered approximately.
 */
@Interceptor
public final class SearchNarrowingInterceptor {

    private static final String PATIENT = "Patient";
    private static final String ID = "_id";
    private static final String SUBJECT = "subject";

    private final AccessContexts contexts;
    private final AccessPolicy policy;
    private final ConsentRecords records;
    private final SearchScopeCompiler compiler;
    private final FhirContext fhirContext;
    private final Clock clock;
    /** An id no resource has: AND-ed into a search that must find nothing. */
    private final String noMatch = "none-" + UUID.randomUUID();

    public SearchNarrowingInterceptor(AccessContexts contexts, ConsentRecords records, AccessPolicy policy,
            FhirContext fhirContext, Clock clock) {
        this.contexts = contexts;
        this.policy = policy;
        this.records = records;
        this.compiler = new SearchScopeCompiler(policy.engine(), fhirContext);
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void narrow(RequestDetails request, ICachedSearchDetails search, SearchParameterMap params) {
        if (request == null || request instanceof SystemRequestDetails) {
            return;
        }
        AccessContext access = contexts.of(request).orElseThrow(() -> Refusals.forbidden("The request carries no verified identity."));
        String type = search.getResourceType();
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        if (!PATIENT.equals(type) && definition.getSearchParamsForCompartmentName(PATIENT).isEmpty()) {
            return; // directory data: whether the reader sees it at all is decided per resource
        }
        Requester requester = access.reader().requester();
        if (MatchResourceUrlService.isDuringMatchUrlQuerySpan(request) && policy.mayResolveConditionalWrite(requester, type)) {
            return; // a conditional write looking for the resource it would otherwise store twice
        }
        // Every branch below writes the decision into the query (or refuses the search).
        access.markSearchNarrowed();
        Optional<String> self = requester.ownPatientReference();
        if (self.isPresent()) {
            limitToPatients(definition, params, Set.of(self.get()));
            return;
        }
        if ("AuditEvent".equals(type)) {
            if (!requester.hasRole(HubRole.AUDITOR)) {
                findNothing(params);
            }
            return;
        }
        if ("Consent".equals(type)) {
            // The same rule as reading one (AccessPolicy): clinicians find the active Consents naming them.
            if (AccessPolicy.isClinician(requester) && !access.reader().actorReferences().isEmpty()) {
                params.add(ProvisionActorSearchParameter.CODE, references(access.reader().actorReferences()));
                params.add("status", new TokenParam("active"));
            } else {
                findNothing(params);
            }
            return;
        }
        if (!AccessPolicy.isConsentGoverned(requester)) {
            findNothing(params);
            return;
        }
        refuseLinksToHiddenData(params);
        if (AppointmentParticipants.TYPE.equals(type) && AccessPolicy.isClinician(requester)) {
            narrowAppointments(access, definition, params);
            return;
        }
        narrowByConsents(access, type, definition, params);
    }

    private void narrowByConsents(AccessContext access, String type, RuntimeResourceDefinition definition,
            SearchParameterMap params) {
        Optional<ConsentScope> scope = consentScope(access, type, definition, params);
        if (scope.isEmpty()) {
            findNothing(params);
            return;
        }
        limitToPatients(definition, params, scope.get().patients());
        apply(scope.get().filter(), params);
    }

    /**
     * A clinician finds the Appointments that name them as participant, as they read them (AccessPolicy),
     * besides the patients' Appointments their Consents allow. A search that asks only for the clinician's
     * own appointments needs nothing added. Otherwise both are found as one set of participants, clinician
     * and consenting patients, with the Consents' label limits; that is exact only while none of the
     * clinician's own appointments carries such a label, so a search that would hide one is refused.
     */
    private void narrowAppointments(AccessContext access, RuntimeResourceDefinition definition, SearchParameterMap params) {
        Set<String> own = AppointmentParticipants.of(access.reader());
        if (asksOnlyFor(params, own)) {
            return; // every match names the reader
        }
        Set<String> participants = new LinkedHashSet<>(own);
        Optional<ConsentScope> scope = consentScope(access, AppointmentParticipants.TYPE, definition, params);
        if (scope.isPresent()) {
            DataFilter filter = scope.get().filter();
            if (filter.includeParameter() != null || !filter.exclude().isEmpty()
                    || records.anyAppointmentLabelled(own, filter.excludeLabels())) {
                throw Refusals.forbidden("Some of your Appointments carry labels the patients' Consents do not open to you,"
                        + " so one search cannot list them with the ones the Consents allow: search your own with "
                        + Appointment.SP_ACTOR + "=" + access.reader().requester().describe() + ".");
            }
            participants.addAll(scope.get().patients());
            apply(filter, params);
        }
        if (participants.isEmpty()) {
            findNothing(params);
            return;
        }
        params.add(Appointment.SP_ACTOR, references(participants));
    }

    /**
     * Whether the search itself asks only for Appointments naming one of these participants: an AND clause of
     * its actor or practitioner parameter whose every alternative is one of them, named plainly.
     */
    private static boolean asksOnlyFor(SearchParameterMap params, Set<String> participants) {
        for (String parameter : List.of(Appointment.SP_ACTOR, Appointment.SP_PRACTITIONER)) {
            List<List<IQueryParameterType>> clauses = params.get(parameter);
            String impliedType = Appointment.SP_PRACTITIONER.equals(parameter) ? "Practitioner" : null;
            if (clauses != null && clauses.stream().anyMatch(clause -> !clause.isEmpty() && clause.stream()
                    .allMatch(value -> plainReference(value, impliedType).filter(participants::contains).isPresent()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code Type/id} of a value that names one resource on this server, without chain, modifier or base URL. */
    private static Optional<String> plainReference(IQueryParameterType value, String impliedType) {
        if (!(value instanceof ReferenceParam ref) || ref.getChain() != null || ref.getMissing() != null || ref.isMdmExpand()
                || (ref.getBaseUrl() != null && !ref.getBaseUrl().isEmpty()) || ref.getIdPart() == null) {
            return Optional.empty();
        }
        String type = ref.hasResourceType() ? ref.getResourceType() : impliedType;
        return Optional.ofNullable(type).map(t -> t + "/" + ref.getIdPart());
    }

    /**
     * What the patients' Consents let the reader find of this type: one filter and the patients it holds
     * for; empty when they allow nothing. A search that names its patients is decided for those alone;
     * otherwise for every patient whose Consents name the reader.
     */
    private Optional<ConsentScope> consentScope(AccessContext access, String type, RuntimeResourceDefinition definition,
            SearchParameterMap params) {
        Set<String> candidates = patientsNamedIn(definition, params);
        if (candidates.isEmpty()) {
            // Break-the-glass would open every patient's record at once; without it, emergency reads
            // are what patients' Consents permit, searched like any other purpose.
            if (V3ActReason.ETREAT.equals(access.reader().purpose()) && policy.engine().breakTheGlassEnabled()) {
                throw Refusals.forbidden("Emergency access reads one patient's record at a time:"
                        + " add patient=Patient/<id> to the search.");
            }
            candidates = records.patientsNaming(access.reader().actorReferences());
        }
        access.preload(candidates);
        Map<DataFilter, Set<String>> groups = new LinkedHashMap<>();
        for (String patient : candidates) {
            SearchScope scope = compiler.compile(access.reader(), type, patient, access.consentsOf(patient), clock.instant());
            switch (scope) {
                case SearchScope.None ignored -> { }
                case SearchScope.Filtered filtered ->
                        groups.computeIfAbsent(filtered.filter(), f -> new LinkedHashSet<>()).add(patient);
                case SearchScope.Unexpressible unexpressible -> throw Refusals.forbidden("This search cannot be answered exactly: "
                        + unexpressible.why() + ". Read the resources one by one instead.");
            }
        }
        if (groups.size() > 1) {
            throw Refusals.forbidden("The patients you may see allowed you different parts of their records, so one search"
                    + " cannot cover them all: search one patient at a time with patient=Patient/<id>.");
        }
        return groups.entrySet().stream().findFirst().map(only -> new ConsentScope(only.getKey(), only.getValue()));
    }

    /** The part of the patients' data one search may find: the filter, and the patients it holds for. */
    private record ConsentScope(DataFilter filter, Set<String> patients) {}

    /**
     * Chained parameters and {@code _has} test values of other resources, which the reader might not be
     * allowed to see; a match would reveal them. Readers other than the patient may not use them.
     */
    private static void refuseLinksToHiddenData(SearchParameterMap params) {
        for (String name : params.keySet()) {
            boolean chained = params.get(name).stream().flatMap(List::stream)
                    .anyMatch(p -> p instanceof ReferenceParam ref && ref.getChain() != null);
            if (name.startsWith("_has") || chained) {
                throw Refusals.forbidden("Chained and _has search parameters test data you may not be allowed to see;"
                        + " search by the patient's id instead (" + name + ").");
            }
        }
    }

    private void limitToPatients(RuntimeResourceDefinition definition, SearchParameterMap params, Collection<String> patients) {
        Set<String> named = patientsNamedIn(definition, params);
        if (!named.isEmpty() && patients.containsAll(named)) {
            return; // the search already asks only for patients the reader may see
        }
        if (PATIENT.equals(definition.getName())) {
            TokenOrListParam ids = new TokenOrListParam();
            patients.forEach(p -> ids.addOr(new TokenParam(p.substring(PATIENT.length() + 1))));
            params.add(ID, ids);
        } else {
            params.add(patientParameter(definition), references(patients));
        }
    }

    private static String patientParameter(RuntimeResourceDefinition definition) {
        if ("AuditEvent".equals(definition.getName())) {
            // Its patient parameter also matches the agent; whose log entry it is, is its entity.
            return PatientCompartment.AUDIT_EVENT_PATIENT_PARAMETER;
        }
        if (definition.getSearchParam("patient") != null) {
            return "patient";
        }
        return definition.getSearchParamsForCompartmentName(PATIENT).stream()
                .map(RuntimeSearchParam::getName)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The patients a search asks for by id, through its patient parameter (or _id for Patient), or else
     * through {@code subject} where that names Patients ({@code subject=Patient/x} is the same question).
     */
    private static Set<String> patientsNamedIn(RuntimeResourceDefinition definition, SearchParameterMap params) {
        boolean isPatient = PATIENT.equals(definition.getName());
        String parameter = isPatient ? ID : patientParameter(definition);
        Set<String> named = new LinkedHashSet<>();
        List<List<IQueryParameterType>> clauses = params.get(parameter);
        if ((clauses == null || clauses.isEmpty()) && !isPatient && definition.getSearchParam(SUBJECT) != null) {
            clauses = params.get(SUBJECT);
            List<List<IQueryParameterType>> subjects = clauses;
            boolean onlyPatients = subjects != null && !subjects.isEmpty() && subjects.get(0).stream()
                    .allMatch(value -> value instanceof ReferenceParam ref && ref.getChain() == null
                            && PATIENT.equals(ref.getResourceType()));
            if (!onlyPatients) {
                return named;
            }
        }
        if (clauses == null || clauses.isEmpty()) {
            return named;
        }
        // The first AND clause bounds the result; its alternatives are the patients asked for.
        for (IQueryParameterType value : clauses.get(0)) {
            if (value instanceof ReferenceParam ref && ref.getChain() == null) {
                String type = ref.getResourceType() == null ? PATIENT : ref.getResourceType();
                if (PATIENT.equals(type)) {
                    named.add(PATIENT + "/" + ref.getIdPart());
                }
            } else if (value instanceof TokenParam token && isPatient) {
                named.add(PATIENT + "/" + token.getValue());
            }
        }
        return named;
    }

    /** The filter as search parameters: any of its included codes, none of its excluded codes and labels. */
    private static void apply(DataFilter filter, SearchParameterMap params) {
        if (filter.includeParameter() != null) {
            TokenOrListParam any = new TokenOrListParam();
            filter.include().forEach(c -> any.addOr(token(c)));
            params.add(filter.includeParameter(), any);
        }
        filter.exclude().forEach((parameter, codes) ->
                codes.forEach(c -> params.add(parameter, token(c).setModifier(TokenParamModifier.NOT))));
        filter.excludeLabels().forEach(label -> params.add("_security", token(label).setModifier(TokenParamModifier.NOT)));
    }

    private static TokenParam token(Code code) {
        return new TokenParam(code.system().isEmpty() ? null : code.system(), code.code());
    }

    private void findNothing(SearchParameterMap params) {
        params.add(ID, new TokenParam(noMatch));
    }

    private static ReferenceOrListParam references(Collection<String> references) {
        ReferenceOrListParam any = new ReferenceOrListParam();
        references.forEach(r -> any.addOr(new ReferenceParam(r)));
        return any;
    }
}

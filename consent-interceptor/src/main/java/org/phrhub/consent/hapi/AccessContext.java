package org.phrhub.consent.hapi;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DomainResource;
import org.phrhub.consent.audit.AccessLog;
import org.phrhub.consent.decision.Reader;

/**
 * Everything the consent layer knows about one request: who asks, for what purpose, the Consents
 * of the patients it touched (as of this request: see {@link PatientConsents}) and what it was allowed.
 */
public final class AccessContext {

    private final Reader reader;
    private final PatientConsents consents;
    private final Map<String, List<Consent>> consentsByPatient = new ConcurrentHashMap<>();
    private final AccessLog log = new AccessLog();
    /** Resources contained in one this request has decided: they are part of it, not data of their own. */
    private final Set<IBaseResource> containedInDecided = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Set when this request's search had the reader's consent decision written into its query. */
    private volatile boolean searchNarrowed;

    AccessContext(Reader reader, PatientConsents consents) {
        this.reader = reader;
        this.consents = consents;
    }

    public Reader reader() {
        return reader;
    }

    public AccessLog log() {
        return log;
    }

    /** The patient's active Consents, as they stand when this request first asks. */
    public List<Consent> consentsOf(String patient) {
        return consentsByPatient.computeIfAbsent(patient, p -> consents.of(List.of(p)).get(p));
    }

    /** Remembers what the decided resource contains, so that it is shown or hidden with its container. */
    public void decidedWithContents(IBaseResource container) {
        if (container instanceof DomainResource domain && domain.hasContained()) {
            containedInDecided.addAll(domain.getContained());
        }
    }

    /** Whether the resource sits inside one this request has decided already. */
    public boolean isContainedInDecided(IBaseResource resource) {
        return containedInDecided.contains(resource);
    }

    /** The search's query now finds only what the reader may see ({@code SearchNarrowingInterceptor}). */
    void markSearchNarrowed() {
        searchNarrowed = true;
    }

    boolean searchNarrowed() {
        return searchNarrowed;
    }

    /** Looks up the Consents of many patients at once. */
    public void preload(Collection<String> patients) {
        List<String> missing = patients.stream().filter(p -> !consentsByPatient.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            consents.of(missing).forEach(consentsByPatient::putIfAbsent);
        }
    }
}

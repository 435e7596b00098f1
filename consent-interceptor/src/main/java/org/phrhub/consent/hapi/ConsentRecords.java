package org.phrhub.consent.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.phrhub.consent.decision.AppointmentParticipants;
import org.phrhub.consent.decision.ConsentDecisionEngine;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.vocabulary.DataSourceTags;

/**
 * Reads Consents, affiliations and the Appointments addressed to a clinician straight from the database.
 * It keeps nothing itself; what is kept across requests ({@link PatientConsents}, {@link Affiliations}) is
 * checked against the database's record versions on every request.
 */
public final class ConsentRecords {

    private final DaoRegistry daos;

    public ConsentRecords(DaoRegistry daos) {
        this.daos = daos;
    }

    /** As {@link org.phrhub.consent.explain.ConsentSource#activeConsentsOf}, read from the database now. */
    public List<Consent> activeConsentsOf(Collection<String> patients) {
        if (patients.isEmpty()) {
            return List.of();
        }
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add(Consent.SP_PATIENT, references(patients))
                .add(Consent.SP_STATUS, new TokenParam("active"));
        return search("Consent", query).stream().map(Consent.class::cast).toList();
    }

    /** Patients with an active Consent that names one of these actors anywhere in its provisions. */
    public Set<String> patientsNaming(Collection<String> actors) {
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add(ProvisionActorSearchParameter.CODE, references(actors))
                .add(Consent.SP_STATUS, new TokenParam("active"));
        Set<String> patients = new LinkedHashSet<>();
        for (IBaseResource consent : search("Consent", query)) {
            ConsentDecisionEngine.patientOf((Consent) consent).ifPresent(patients::add);
        }
        return patients;
    }

    /**
     * Whether an Appointment naming one of these participants carries one of these security labels: such
     * an appointment is visible to its participant whatever the label, which a search that also follows
     * the patients' Consents cannot express.
     */
    public boolean anyAppointmentLabelled(Collection<String> participants, Collection<Code> labels) {
        if (participants.isEmpty() || labels.isEmpty()) {
            return false;
        }
        TokenOrListParam anyLabel = new TokenOrListParam();
        labels.forEach(label -> anyLabel.addOr(new TokenParam(label.system().isEmpty() ? null : label.system(), label.code())));
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add(Appointment.SP_ACTOR, references(participants))
                .add(Constants.PARAM_SECURITY, anyLabel);
        query.setLoadSynchronousUpTo(1);
        return !search(AppointmentParticipants.TYPE, query).isEmpty();
    }

    /** As {@link org.phrhub.consent.explain.ConsentSource#actorReferencesOf}, read from the database now. */
    public Set<String> actorReferencesOf(String practitioner) {
        Set<String> actors = new LinkedHashSet<>();
        actors.add(practitioner);
        // Only the hub's own directory says whom a practitioner acts for: a role a hospital's records
        // brought in (tagged ehr) must not widen what its practitioner may read under a patient's Consent.
        SearchParameterMap roles = SearchParameterMap.newSynchronous()
                .add(PractitionerRole.SP_PRACTITIONER, new ReferenceParam(practitioner))
                .add(PractitionerRole.SP_ACTIVE, new TokenParam("true"))
                .add(Constants.PARAM_TAG, new TokenParam(DataSourceTags.SYSTEM, DataSourceTags.EHR).setModifier(TokenParamModifier.NOT));
        for (IBaseResource resource : search("PractitionerRole", roles)) {
            PractitionerRole role = (PractitionerRole) resource;
            actors.add("PractitionerRole/" + role.getIdElement().getIdPart());
            if (role.hasOrganization()) {
                actors.add(role.getOrganization().getReferenceElement().toUnqualifiedVersionless().getValue());
            }
        }
        SearchParameterMap teams = SearchParameterMap.newSynchronous()
                .add(CareTeam.SP_PARTICIPANT, references(actors))
                .add(CareTeam.SP_STATUS, new TokenParam("active"));
        for (IBaseResource team : search("CareTeam", teams)) {
            actors.add("CareTeam/" + team.getIdElement().getIdPart());
        }
        return actors;
    }

    /**
     * The monitor a reading names, as stored (in the writing transaction too, which this read joins).
     * Empty when the reference names no stored Device.
     */
    public Optional<Device> device(String reference) {
        IdType id = new IdType(reference);
        if (!"Device".equals(id.getResourceType()) || !id.hasIdPart()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Device) daos.getResourceDao("Device").read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    private List<IBaseResource> search(String type, SearchParameterMap query) {
        return daos.getResourceDao(type).search(query, new SystemRequestDetails()).getAllResources();
    }

    private static ReferenceOrListParam references(Collection<String> references) {
        ReferenceOrListParam any = new ReferenceOrListParam();
        references.forEach(r -> any.addOr(new ReferenceParam(r)));
        return any;
    }
}

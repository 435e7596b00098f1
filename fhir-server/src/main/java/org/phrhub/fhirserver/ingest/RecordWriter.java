package org.phrhub.fhirserver.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.consent.decision.DataOwnership;
import org.phrhub.consent.decision.PatientCompartment;
import org.phrhub.fhirserver.bulkstore.NewResourceWriter;
import org.phrhub.vocabulary.DataSourceTags;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.HubImportCodes;

/**
 * Stores a {@link SourceUnit} in one FHIR transaction (alone, or with others of the same patient folder), so a
 * unit is stored whole or not at all. Each resource is put under a {@link StableIds stable id}; resources the
 * unit's earlier import made and this one no longer has are deleted; the unit's Provenance names what it
 * holds now. Importing the same unit again changes nothing: HAPI keeps the version of a resource put
 * unchanged. A unit that would move a stored record to another patient is refused.
 */
public final class RecordWriter {

    /** What storing a unit did. */
    public sealed interface Outcome permits Stored, SupersededByStored {}

    public record Stored(int created, int updated, int unchanged, int deleted) implements Outcome {}

    /** The hub holds a newer occurrence of the unit: the older file changes nothing. */
    public record SupersededByStored(Instant storedOccurrence) implements Outcome {}

    /**
     * What a unit's last import stored, as its Provenance says.
     *
     * @param sourceUri the source it was made from
     * @param occurred the source's time
     * @param fingerprint what the source was, when the import recorded it ({@link #store(SourceUnit, List, Optional)})
     * @param resources how many resources the unit holds
     */
    public record StoredUnit(String sourceUri, Instant occurred, Optional<String> fingerprint, int resources) {

        /** Whether importing this source again would store exactly what is stored. */
        public boolean madeFrom(SourceUnit unit, String sourceFingerprint) {
            return sourceUri.equals(unit.sourceUri()) && occurred.equals(unit.occurred())
                    && fingerprint.filter(sourceFingerprint::equals).isPresent();
        }
    }

    /** How often a unit's transaction is tried when it collides with another's update of the same resource. */
    private static final int CONFLICT_ATTEMPTS = 5;

    /** Up to how many stored resources are read one by one: a read costs a fraction of a search. */
    private static final int READS_RATHER_THAN_SEARCH = 3;

    /** How many stored resources (of an import's units, their Provenances) one search reads. */
    private static final int STORED_PER_SEARCH = 500;

    private static final String PARTICIPANT_TYPES = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    private static final String DATA_OPERATIONS = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, ?> system;
    private final NewResourceWriter newResources;
    private final HapiTransactionService transactions;
    private final FhirContext fhir;
    private final Reference importer;
    private final PatientCompartment patients;
    /** Units are stored one at a time per key (striped): two imports of one record must not both create it. */
    private final ReentrantLock[] keyLocks = new ReentrantLock[64];

    /** @param importer who imports, as the Provenance's assembler (e.g. the importer client) */
    public RecordWriter(DaoRegistry daos, IFhirSystemDao<Bundle, ?> system, NewResourceWriter newResources,
            HapiTransactionService transactions, FhirContext fhir, Reference importer) {
        this.daos = daos;
        this.system = system;
        this.newResources = newResources;
        this.transactions = transactions;
        this.fhir = fhir;
        this.importer = importer;
        this.patients = new PatientCompartment(fhir);
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new ReentrantLock();
        }
    }

    /**
     * Stores the unit's resources. Each must carry a {@link HubIdentifiers#SOURCE_RECORD} identifier; they
     * may refer to each other by {@code urn:uuid:} placeholders in their ids.
     */
    public Outcome store(SourceUnit unit, List<Resource> resources) {
        return store(unit, resources, Optional.empty());
    }

    /**
     * As {@link #store(SourceUnit, List)}, recording in the unit's Provenance what the source was
     * ({@code fingerprint}). A unit whose last import was made from the same source is reported unchanged
     * without a transaction; a later import can also skip reading such a source at all ({@link #storedUnits}).
     */
    public Outcome store(SourceUnit unit, List<Resource> resources, Optional<String> fingerprint) {
        return storeInOneTransaction(List.of(new UnitToStore(unit, resources, fingerprint)))[0];
    }

    /** A unit and what it holds, for {@link #storeTogether}. */
    public record UnitToStore(SourceUnit unit, List<Resource> resources, Optional<String> fingerprint) {}

    /**
     * Stores several units (the records of one patient folder) in as few transactions as they allow: a
     * transaction's own cost, not its resources, is most of what storing a small unit costs. Each unit is
     * stored as by {@link #store(SourceUnit, List, Optional)}, with its own Provenance and outcome; a unit that
     * writes a resource an earlier unit of the list writes too (a second demographics file, updating the same
     * Patient) goes into a later transaction, so that the later unit's version is the one kept.
     *
     * @return each unit's outcome, in order; empty for a unit that was not stored because a transaction it
     *     was part of failed (one of its units the server refuses). The caller stores each of those on its own,
     *     which tells the one refused from the others.
     */
    public List<Optional<Outcome>> storeTogether(List<UnitToStore> units) {
        List<Optional<Outcome>> outcomes = new ArrayList<>(Collections.nCopies(units.size(), Optional.empty()));
        List<Integer> pending = new ArrayList<>(IntStream.range(0, units.size()).boxed().toList());
        while (!pending.isEmpty()) {
            Outcome[] round;
            try {
                // Copies: an attempt gives ids and rewrites references; a later one, or storing a unit on its own, starts afresh.
                round = storeInOneTransaction(pending.stream().map(units::get).map(RecordWriter::copyOf).toList());
            } catch (BaseServerResponseException | IllegalArgumentException refused) {
                return outcomes;
            }
            List<Integer> deferred = new ArrayList<>();
            for (int i = 0; i < round.length; i++) {
                if (round[i] == null) {
                    deferred.add(pending.get(i));
                } else {
                    outcomes.set(pending.get(i), Optional.of(round[i]));
                }
            }
            pending = deferred;
        }
        return outcomes;
    }

    /** What one unit puts and deletes in a transaction. */
    private record UnitWrite(SourceUnit unit, Map<String, Resource> byReference, Set<String> removed) {}

    /**
     * Stores the units as one transaction; a unit that would write what an earlier one of them writes is left
     * out (null), for a later transaction. The first unit is never left out.
     */
    private Outcome[] storeInOneTransaction(List<UnitToStore> units) {
        List<ReentrantLock> locks = locksOf(units);
        locks.forEach(ReentrantLock::lock);
        try {
            Map<String, Provenance> earlierByKey = provenancesOf(units.stream().map(UnitToStore::unit).toList());
            Outcome[] outcomes = new Outcome[units.size()];
            Map<Integer, UnitWrite> unitWrites = new LinkedHashMap<>();
            Set<String> written = new HashSet<>();
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (int u = 0; u < units.size(); u++) {
                UnitToStore toStore = units.get(u);
                SourceUnit unit = toStore.unit();
                Optional<Provenance> earlier = Optional.ofNullable(earlierByKey.get(unit.key()));
                Optional<Instant> storedOccurrence = earlier.filter(Provenance::hasOccurredDateTimeType)
                        .map(provenance -> provenance.getOccurredDateTimeType().getValue().toInstant());
                if (storedOccurrence.isPresent() && storedOccurrence.get().isAfter(unit.occurred())) {
                    outcomes[u] = new SupersededByStored(storedOccurrence.get());
                    continue;
                }
                Optional<StoredUnit> sameSource = earlier.flatMap(RecordWriter::storedUnit)
                        .filter(stored -> toStore.fingerprint().filter(value -> stored.madeFrom(unit, value)).isPresent());
                if (sameSource.isPresent()) {
                    outcomes[u] = new Stored(0, 0, sameSource.get().resources(), 0);
                    continue;
                }
                Map<String, Resource> byReference = withStableIds(unit, toStore.resources());
                Set<String> removed = new LinkedHashSet<>(earlier.map(RecordWriter::removableTargets).orElse(List.of()));
                removed.removeAll(byReference.keySet());
                if (!Collections.disjoint(written, byReference.keySet()) || !Collections.disjoint(written, removed)) {
                    continue;
                }
                written.addAll(byReference.keySet());
                written.addAll(removed);
                unitWrites.put(u, new UnitWrite(unit, byReference, removed));
                for (Map.Entry<String, Resource> entry : byReference.entrySet()) {
                    put(transaction, entry.getKey(), entry.getValue());
                }
                for (String reference : removed) {
                    transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl(reference);
                }
                Provenance provenance = provenance(unit, byReference.keySet(), activity(earlier, unit));
                toStore.fingerprint().ifPresent(value ->
                        provenance.addExtension(HubImportCodes.SOURCE_FINGERPRINT_EXTENSION, new StringType(value)));
                put(transaction, "Provenance/" + provenanceId(unit), provenance);
            }
            if (!unitWrites.isEmpty()) {
                storeCounting(transaction, unitWrites, outcomes);
            }
            return outcomes;
        } finally {
            locks.reversed().forEach(ReentrantLock::unlock);
        }
    }

    /**
     * Runs the transaction, and records for each unit written what it created, updated and kept unchanged. What
     * the hub has never held goes straight into HAPI's tables ({@link NewResourceWriter}); the rest (updates,
     * deletes, what that writer leaves to HAPI) through HAPI's transaction; both in one database transaction.
     */
    private void storeCounting(Bundle transaction, Map<Integer, UnitWrite> writes, Outcome[] outcomes) {
        // Every resource the transaction puts: the units' records, and their Provenances.
        Set<String> references = new LinkedHashSet<>();
        transaction.getEntry().stream().filter(entry -> entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT)
                .forEach(entry -> references.add(entry.getRequest().getUrl()));
        for (int attempt = 1; ; attempt++) {
            Set<String> everStored = newResources.everStored(references);
            Map<String, IBaseResource> previous = stored(everStored);
            writes.values().forEach(write -> refuseMovingToAnotherPatient(write.unit(), write.byReference(), previous));
            // A copy: writing gives ids and versions to what it stores, and a second attempt starts afresh.
            Bundle copy = transaction.copy();
            List<Resource> created = new ArrayList<>();
            Bundle throughHapi = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (Bundle.BundleEntryComponent entry : copy.getEntry()) {
                boolean put = entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT;
                IBaseResource storedBefore = put ? previous.get(entry.getRequest().getUrl()) : null;
                if (put && !everStored.contains(entry.getRequest().getUrl()) && newResources.writes(entry.getResource())) {
                    created.add(entry.getResource());
                } else if (storedBefore instanceof Resource before && newResources.unchanged(entry.getResource(), before)) {
                    continue; // HAPI would keep the stored version: nothing to write
                } else {
                    throughHapi.addEntry(entry);
                }
            }
            Map<String, String> versionAfter = new HashMap<>();
            try {
                transactions.withSystemRequest().execute(() -> {
                    newResources.create(created, new SystemRequestDetails());
                    if (throughHapi.hasEntry()) {
                        Bundle response = system.transactionNested(new SystemRequestDetails(), throughHapi);
                        for (Bundle.BundleEntryComponent entry : response.getEntry()) {
                            if (entry.getResponse().hasLocation()) {
                                IdType location = new IdType(entry.getResponse().getLocation());
                                versionAfter.put(location.toUnqualifiedVersionless().getValue(), location.getVersionIdPart());
                            }
                        }
                    }
                    return null;
                });
            } catch (ResourceVersionConflictException conflict) {
                // Another unit of the same resident (another hospital's import, at the same moment) updated the
                // canonical Patient first, or created a resource this one creates too. Everything of this
                // transaction was rolled back: try it again.
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw conflict;
                }
                pauseBeforeAttempt(attempt + 1);
                continue;
            }
            created.forEach(resource -> versionAfter.put(resource.getIdElement().toUnqualifiedVersionless().getValue(),
                    resource.getIdElement().getVersionIdPart()));
            writes.forEach((index, write) -> {
                int createdCount = 0;
                int updated = 0;
                int unchanged = 0;
                for (String reference : write.byReference().keySet()) {
                    IBaseResource storedBefore = previous.get(reference);
                    String before = storedBefore == null ? null : storedBefore.getIdElement().getVersionIdPart();
                    if (before == null) {
                        createdCount++;
                    } else if (before.equals(versionAfter.getOrDefault(reference, before))) {
                        unchanged++;
                    } else {
                        updated++;
                    }
                }
                outcomes[index] = new Stored(createdCount, updated, unchanged, write.removed().size());
            });
            return;
        }
    }

    private static UnitToStore copyOf(UnitToStore unit) {
        return new UnitToStore(unit.unit(), unit.resources().stream().map(Resource::copy).toList(), unit.fingerprint());
    }

    /** A short random pause, longer with each attempt, so that the units that collided do not collide again. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts to store an import unit", e);
        }
    }

    /**
     * What the last import of each of these units stored, by unit key: one search per
     * {@value #STORED_PER_SEARCH} units instead of a read per unit. Units never stored are absent.
     */
    public Map<String, StoredUnit> storedUnits(List<SourceUnit> units) {
        Map<String, StoredUnit> stored = new HashMap<>();
        provenancesOf(units).forEach((key, provenance) -> storedUnit(provenance).ifPresent(unit -> stored.put(key, unit)));
        return stored;
    }

    /** The Provenance of each of these units that has been stored, by unit key. */
    private Map<String, Provenance> provenancesOf(List<SourceUnit> units) {
        Map<String, String> keysByReference = new HashMap<>();
        units.forEach(unit -> keysByReference.put("Provenance/" + provenanceId(unit), unit.key()));
        // A unit imported for the first time has no Provenance yet: asked of the tables at once, which saves a
        // search for all of a first load's units.
        Map<String, Provenance> found = new HashMap<>();
        stored(newResources.everStored(keysByReference.keySet()))
                .forEach((reference, provenance) -> found.put(keysByReference.get(reference), (Provenance) provenance));
        return found;
    }

    /** What a unit's Provenance says its last import stored; empty for one written without a source time. */
    private static Optional<StoredUnit> storedUnit(Provenance provenance) {
        if (!provenance.hasOccurredDateTimeType() || !provenance.hasEntity()) {
            return Optional.empty();
        }
        Optional<String> fingerprint = Optional.ofNullable(provenance.getExtensionByUrl(HubImportCodes.SOURCE_FINGERPRINT_EXTENSION))
                .map(extension -> extension.getValue().primitiveValue());
        return Optional.of(new StoredUnit(provenance.getEntityFirstRep().getWhat().getIdentifier().getValue(),
                provenance.getOccurredDateTimeType().getValue().toInstant(), fingerprint, provenance.getTarget().size()));
    }

    /** The unit's file says "deleted": removes what its earlier import made, and its Provenance. */
    public Stored remove(SourceUnit unit) {
        ReentrantLock lock = keyLocks[stripeOf(unit.key())];
        lock.lock();
        try {
            Optional<Provenance> earlier = read(Provenance.class, provenanceId(unit));
            if (earlier.isEmpty()) {
                return new Stored(0, 0, 0, 0);
            }
            List<String> targets = removableTargets(earlier.get());
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (String reference : targets) {
                transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl(reference);
            }
            // The Provenance goes too (its history keeps what the unit had made): it would otherwise refer to
            // deleted resources, which the server's referential integrity refuses.
            transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE)
                    .setUrl("Provenance/" + provenanceId(unit));
            system.transaction(new SystemRequestDetails(), transaction);
            return new Stored(0, 0, 0, targets.size());
        } finally {
            lock.unlock();
        }
    }

    /** Gives each resource its stable id and points references between them at those ids. */
    private Map<String, Resource> withStableIds(SourceUnit unit, List<Resource> resources) {
        Map<String, String> placeholders = new HashMap<>();
        Map<String, Resource> byReference = new LinkedHashMap<>();
        for (Resource resource : resources) {
            String ownId = resource.getIdElement().getValue();
            if (ownId != null && !ownId.startsWith("urn:uuid:")) {
                // A resource the hub keeps under its own id (a resident's canonical Patient): updated in place,
                // never tagged as the hospital's, never deleted with the unit.
                String reference = resource.getIdElement().toUnqualifiedVersionless().getValue();
                resource.getMeta().setSource(unit.sourceUri());
                byReference.put(reference, resource);
                continue;
            }
            Identifier source = sourceRecord(resource);
            if (source == null) {
                throw new IllegalArgumentException(resource.fhirType() + " of " + unit.sourceName()
                        + " carries no " + HubIdentifiers.SOURCE_RECORD + " identifier");
            }
            String reference = resource.fhirType() + "/" + StableIds.of(resource.fhirType(), source);
            if (byReference.containsKey(reference)) {
                throw new IllegalArgumentException(unit.sourceName() + " holds two " + resource.fhirType()
                        + " records with the identifier " + source.getValue());
            }
            if (ownId != null) {
                placeholders.put(ownId, reference);
            }
            resource.setId(reference);
            resource.getMeta().setSource(unit.sourceUri());
            tagAsHospitalData(resource);
            byReference.put(reference, resource);
        }
        for (Resource resource : byReference.values()) {
            for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String target = placeholders.get(reference.getReference());
                if (target != null) {
                    reference.setReference(target);
                }
            }
        }
        return byReference;
    }

    private static Identifier sourceRecord(Resource resource) {
        if (resource.getChildByName("identifier") == null) {
            return null;
        }
        for (var base : resource.listChildrenByName("identifier")) {
            if (base instanceof Identifier identifier && HubIdentifiers.SOURCE_RECORD.equals(identifier.getSystem())) {
                return identifier;
            }
        }
        return null;
    }

    /**
     * CREATE for a unit's first import, UPDATE for a newer occurrence of it; the same file again keeps what
     * its Provenance says, so that importing it again writes no new version.
     */
    private static String activity(Optional<Provenance> earlier, SourceUnit unit) {
        if (earlier.isEmpty()) {
            return "CREATE";
        }
        boolean sameOccurrence = earlier.get().hasOccurredDateTimeType()
                && earlier.get().getOccurredDateTimeType().getValue().toInstant().equals(unit.occurred());
        String stored = earlier.get().getActivity().getCodingFirstRep().getCode();
        return sameOccurrence && stored != null ? stored : "UPDATE";
    }

    private Provenance provenance(SourceUnit unit, Set<String> targets, String activity) {
        Provenance provenance = new Provenance();
        targets.stream().sorted().forEach(target -> provenance.addTarget(new Reference(target)));
        Date occurred = Date.from(unit.occurred());
        // To the millisecond, as SS-MIX2 occurrence time stamps are: it tells a newer file of a record from the same one.
        provenance.setOccurred(new org.hl7.fhir.r4.model.DateTimeType(occurred, ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI));
        // The source's own time, not the import's, so that importing the same file again stores nothing
        // new; when the hub stored each version is its meta.lastUpdated.
        provenance.setRecorded(occurred);
        provenance.getActivity().addCoding().setSystem(DATA_OPERATIONS).setCode(activity);
        provenance.addAgent().setWho(unit.organization())
                .getType().addCoding().setSystem(PARTICIPANT_TYPES).setCode("author");
        provenance.addAgent().setWho(importer)
                .getType().addCoding().setSystem(PARTICIPANT_TYPES).setCode("assembler");
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference().setDisplay(unit.sourceName())
                        .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(unit.sourceUri())));
        provenance.getMeta().setSource(unit.sourceUri());
        tagAsHospitalData(provenance);
        return provenance;
    }

    /** The {@code ehr} tag, which tells hospital data from home readings ({@code phr}); once. */
    private static void tagAsHospitalData(Resource resource) {
        if (resource.getMeta().getTag(DataSourceTags.SYSTEM, DataSourceTags.EHR) == null) {
            resource.getMeta().addTag(DataSourceTags.SYSTEM, DataSourceTags.EHR, "Hospital record (regional EHR)");
        }
    }

    /** What the unit made: its Provenance's targets, less the canonical Patients, which no unit owns. */
    private static List<String> removableTargets(Provenance provenance) {
        return provenance.getTarget().stream()
                .map(target -> target.getReferenceElement().toUnqualifiedVersionless().getValue())
                .filter(reference -> !reference.startsWith("Patient/"))
                .toList();
    }

    private static void put(Bundle transaction, String reference, Resource resource) {
        resource.setId(reference);
        transaction.addEntry().setFullUrl(reference).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(reference);
    }

    /**
     * Refuses a unit that would put a stored record of one patient under another. A record's id derives
     * from its identifier at the hospital, so a source that files the identifier of one patient's record
     * under another patient (a mix-up at the hospital, or a sender reusing identifiers) would otherwise
     * overwrite that patient's record and move it, and with it who may read it.
     */
    private void refuseMovingToAnotherPatient(SourceUnit unit, Map<String, Resource> byReference, Map<String, IBaseResource> stored) {
        for (Map.Entry<String, Resource> entry : byReference.entrySet()) {
            IBaseResource before = stored.get(entry.getKey());
            Set<String> storedFor = before == null ? Set.of() : patientsOf(before);
            if (storedFor.isEmpty() || storedFor.equals(patientsOf(entry.getValue()))) {
                continue;
            }
            Identifier source = sourceRecord(entry.getValue());
            throw new IllegalArgumentException(unit.sourceName() + " files the " + entry.getValue().fhirType()
                    + (source != null ? " " + source.getValue() : "") + " under another patient than the one the hub"
                    + " holds it for; the hub does not move a record between patients (send that patient's record"
                    + " without it first, if it was filed under the wrong patient)");
        }
    }

    /** The patients whose record the resource is part of; none for directory data (a practitioner, a hospital). */
    private Set<String> patientsOf(IBaseResource resource) {
        return patients.ownershipOf(resource) instanceof DataOwnership.PatientData data ? data.patients() : Set.of();
    }

    /**
     * Each of these resources as stored, when it exists (deleted ones count as absent): a read each for a few
     * (a resident's Patient), one search per resource type for more, since a unit holds several of a kind.
     */
    private Map<String, IBaseResource> stored(Set<String> references) {
        Map<String, IBaseResource> stored = new HashMap<>();
        if (references.size() <= READS_RATHER_THAN_SEARCH) {
            for (String reference : references) {
                IdType id = new IdType(reference);
                read(fhir.getResourceDefinition(id.getResourceType()).getImplementingClass(), id.getIdPart())
                        .ifPresent(found -> stored.put(reference, found));
            }
            return stored;
        }
        Map<String, List<String>> idsByType = new LinkedHashMap<>();
        for (String reference : references) {
            IdType id = new IdType(reference);
            idsByType.computeIfAbsent(id.getResourceType(), type -> new ArrayList<>()).add(id.getIdPart());
        }
        idsByType.forEach((type, ids) -> {
            for (int start = 0; start < ids.size(); start += STORED_PER_SEARCH) {
                TokenOrListParam anyOf = new TokenOrListParam();
                ids.subList(start, Math.min(ids.size(), start + STORED_PER_SEARCH)).forEach(id -> anyOf.addOr(new TokenParam(id)));
                SearchParameterMap search = SearchParameterMap.newSynchronous().add("_id", anyOf);
                for (IBaseResource found : daos.getResourceDao(type).search(search, new SystemRequestDetails()).getAllResources()) {
                    stored.put(type + "/" + found.getIdElement().getIdPart(), found);
                }
            }
        });
        return stored;
    }

    private <T extends IBaseResource> Optional<T> read(Class<T> type, String id) {
        try {
            return Optional.of(daos.getResourceDao(type).read(new IdType(fhir.getResourceType(type), id), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    private static String provenanceId(SourceUnit unit) {
        return StableIds.of("Provenance", unit.key());
    }

    private int stripeOf(String key) {
        return Math.floorMod(key.hashCode(), keyLocks.length);
    }

    /** The units' stripes, each once and in one order, so that two writers taking several never wait on each other in a circle. */
    private List<ReentrantLock> locksOf(List<UnitToStore> units) {
        return units.stream().map(unit -> stripeOf(unit.unit().key())).distinct().sorted().map(stripe -> keyLocks[stripe]).toList();
    }
}

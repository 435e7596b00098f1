package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.cache.IResourceTypeCacheSvc;
import ca.uhn.fhir.jpa.dao.BaseHapiFhirDao;
import ca.uhn.fhir.jpa.dao.CodingSpy;
import ca.uhn.fhir.jpa.dao.index.SearchParamWithInlineReferencesExtractor;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndex;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.EntityIndexStatusEnum;
import ca.uhn.fhir.jpa.model.entity.PartitionablePartitionId;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTablePk;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTag;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamCoords;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamDate;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamNumber;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamQuantity;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamQuantityNormalized;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamString;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamUri;
import ca.uhn.fhir.jpa.model.entity.ResourceLink;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.model.entity.ResourceTag;
import ca.uhn.fhir.jpa.model.entity.TagDefinition;
import ca.uhn.fhir.jpa.model.entity.TagTypeEnum;
import ca.uhn.fhir.jpa.cache.ISearchParamIdentityCacheSvc;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParams;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.util.IMetaTagSorter;
import ca.uhn.fhir.util.MetaUtil;
import com.google.common.hash.Hashing;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.lang3.StringUtils;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates resources that do not exist yet by writing HAPI FHIR's tables itself, rows and all: the resource, its
 * first version, its tags, and every search index row, computed by HAPI's own search parameter extraction, tag
 * definitions and key generators, and checked by HAPI's own rules before anything is written. What HAPI does
 * around a write and a new resource needs none of (looking for a stored version, comparing it, flushing an
 * entity graph, resolving each reference with a query of its own) is left out; that was most of what storing a
 * hospital's records cost. Reads, searches, updates and deletes of these resources are HAPI's as for any other,
 * and {@code NewResourceWriterEquivalenceTest} holds every column of every row to what HAPI writes itself.
 *
 * <p>Only new resources: each id must never have been stored (not even deleted), or the database refuses the
 * row and the caller's whole transaction with it. Writes join the caller's database transaction, so resources
 * written here and HAPI's own writes of the same transaction commit or roll back together.
 */
public final class NewResourceWriter {

    /**
     * Types whose storing HAPI follows with more than rows (registries it reloads, subscriptions, terminology,
     * the consent layer's own bookkeeping): those stay HAPI's to write.
     */
    private static final Set<String> LEFT_TO_HAPI = Set.of("SearchParameter", "Subscription", "CodeSystem", "ValueSet",
            "ConceptMap", "StructureDefinition", "NamingSystem", "ImplementationGuide", "Consent", "Bundle", "Binary",
            "Questionnaire");

    private final FhirContext fhir;
    private final JpaStorageSettings settings;
    private final PartitionSettings partitions;
    private final IResourceTypeCacheSvc resourceTypes;
    private final SearchParamWithInlineReferencesExtractor extractor;
    private final ISearchParamIdentityCacheSvc parameterIdentities;
    private final HapiTagDefinitions tagDefinitions;
    private final IMetaTagSorter metaTagSorter;
    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final HapiStorageRules rules;
    private final HapiIds ids = new HapiIds();
    private final CodingSpy codingSpy = new CodingSpy();
    private final String unsupportedSettings;

    NewResourceWriter(FhirContext fhir, JpaStorageSettings settings, PartitionSettings partitions,
            IResourceTypeCacheSvc resourceTypes, SearchParamWithInlineReferencesExtractor extractor,
            ISearchParamIdentityCacheSvc parameterIdentities, HapiTagDefinitions tagDefinitions,
            IMetaTagSorter metaTagSorter, EntityManager entityManager, DataSource dataSource, boolean oracle) {
        this.fhir = fhir;
        this.settings = settings;
        this.partitions = partitions;
        this.resourceTypes = resourceTypes;
        this.extractor = extractor;
        this.parameterIdentities = parameterIdentities;
        this.tagDefinitions = tagDefinitions;
        this.metaTagSorter = metaTagSorter;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.rules = new HapiStorageRules(fhir, settings);
        this.unsupportedSettings = unsupportedSettings(settings, partitions, oracle);
    }

    /**
     * Whether the server stores resources the way this writer writes them. It writes HAPI's default layout only:
     * no partitions, tags kept per version, no full-text index, no indexes of missing values, texts inline.
     */
    public boolean available() {
        return unsupportedSettings == null;
    }

    /**
     * Those of these resources ({@code Type/id}) that HAPI's tables hold or held: only the others are new. Asked
     * in the caller's transaction when there is one, else on a connection of its own.
     */
    public Set<String> everStored(Collection<String> references) {
        if (references.isEmpty()) {
            return Set.of();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return StoredResources.everStored(connection, references);
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database which resources it holds: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Whether HAPI, given {@code incoming} to store over {@code stored}, would keep the stored version: the same
     * stored text, and no tag, security label or profile the stored one lacks (HAPI adds those, and never drops
     * one on an update). Such a write can be left out, as HAPI would write nothing for it.
     */
    public boolean unchanged(Resource incoming, Resource stored) {
        if (!incoming.fhirType().equals(stored.fhirType()) || !encode(incoming).equals(encode(stored))) {
            return false;
        }
        return hasAll(stored.getMeta().getTag(), incoming.getMeta().getTag())
                && hasAll(stored.getMeta().getSecurity(), incoming.getMeta().getSecurity())
                && stored.getMeta().getProfile().stream().map(profile -> profile.getValue()).toList()
                        .containsAll(incoming.getMeta().getProfile().stream().map(profile -> profile.getValue()).toList());
    }

    private static boolean hasAll(List<Coding> stored, List<Coding> incoming) {
        return incoming.stream().allMatch(coding -> stored.stream().anyMatch(held ->
                java.util.Objects.equals(held.getSystem(), coding.getSystem()) && java.util.Objects.equals(held.getCode(), coding.getCode())));
    }

    /** Whether a resource of this type may be written here rather than by HAPI. */
    public boolean writes(Resource resource) {
        return available() && !LEFT_TO_HAPI.contains(resource.fhirType())
                && fhir.getResourceDefinition(resource).isStandardType();
    }

    /**
     * Stores each resource as version 1 under its own id (one the server assigns, as HAPI does, where it has
     * none), in the caller's database transaction, which must be active. Resources may refer to each other and to stored resources; a reference to a resource that does
     * not exist is refused as HAPI refuses it, and so is anything else HAPI would refuse. On return each
     * resource carries its stored id, version 1 and its time of storing, as HAPI leaves a resource it stored.
     *
     * @throws IllegalStateException when the server's settings or a resource's type are not this writer's
     */
    public void create(List<Resource> resources, RequestDetails request) {
        if (!available()) {
            throw new IllegalStateException("resources cannot be written directly on this server: " + unsupportedSettings);
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("new resources are written in the caller's database transaction, and none is active");
        }
        if (resources.isEmpty()) {
            return;
        }
        SharedSessionContractImplementor session = entityManager.unwrap(SharedSessionContractImplementor.class);
        Date now = new Date();
        TransactionDetails transaction = new TransactionDetails(now);
        PartitionablePartitionId partition = PartitionablePartitionId.toStoragePartition(RequestPartitionId.defaultPartition(), partitions);

        // Every resource gets its key first, so that references among them resolve without a query.
        Map<Resource, ResourceTable> entities = new LinkedHashMap<>();
        for (Resource resource : resources) {
            if (!writes(resource)) {
                throw new IllegalStateException(resource.fhirType() + " is stored by HAPI itself, not written directly");
            }
            rules.check(resource);
            metaTagSorter.sort(resource.getMeta());
            ResourceTable entity = newEntity(session, resource, partition, now);
            entities.put(resource, entity);
            transaction.addResolvedResourceId(new IdType(resource.fhirType(), entity.getFhirId()), pidOf(entity));
        }

        // The stored resources they refer to, found at once rather than one query per reference.
        Set<String> targets = storedTargetsOf(resources, transaction);
        entityManager.unwrap(Session.class).doWork(connection ->
                StoredResources.current(connection, targets).forEach((reference, pid) -> transaction.addResolvedResourceId(new IdType(reference), pid)));

        Rows rows = new Rows();
        entities.forEach((resource, entity) -> addRows(rows, session, resource, entity, transaction, request));
        // HAPI's pending writes first (a tag definition created above, say): the rows below refer to them.
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            for (HapiTables.Table<?> table : HapiTables.IN_INSERT_ORDER) {
                insert(connection, table, rows);
            }
        });
        entities.forEach((resource, entity) -> {
            resource.setId(new IdType(entity.getResourceType(), entity.getFhirId(), Long.toString(entity.getVersion())));
            resource.getMeta().setVersionId(Long.toString(entity.getVersion())).setLastUpdated(now);
        });
    }

    /** The local references ({@code Type/id}) of the resources to others than themselves. */
    private Set<String> storedTargetsOf(List<Resource> resources, TransactionDetails transaction) {
        Set<String> targets = new LinkedHashSet<>();
        for (Resource resource : resources) {
            for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                IIdType target = reference.getReferenceElement();
                if (target.hasResourceType() && target.hasIdPart() && !target.isAbsolute() && !target.isLocal()
                        && target.getValue().indexOf('?') < 0 && transaction.getResolvedResourceId(target) == null) {
                    targets.add(target.toUnqualifiedVersionless().getValue());
                }
            }
        }
        return targets;
    }

    private ResourceTable newEntity(SharedSessionContractImplementor session, Resource resource,
            PartitionablePartitionId partition, Date now) {
        ResourceTable entity = new ResourceTable();
        entity.setResourceType(resource.fhirType());
        entity.setResourceTypeId(resourceTypes.getResourceTypeId(resource.fhirType()));
        entity.setPartitionId(partition);
        entity.initializeVersion();
        entity.setPublished(now);
        entity.setUpdated(now);
        entity.setFhirVersion(fhir.getVersion().getVersion());
        entity.setId(JpaPid.fromId(ids.next(session, ResourceTable.class, entity), partition));
        // An id the server assigns, as HAPI assigns it: a UUID where so configured, else the resource's key.
        entity.setFhirId(resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart()
                : settings.getResourceServerIdStrategy() == JpaStorageSettings.IdStrategyEnum.UUID
                        ? UUID.randomUUID().toString() : Long.toString(entity.getId().getId()));
        return entity;
    }

    private static JpaPid pidOf(ResourceTable entity) {
        JpaPid pid = JpaPid.fromId(entity.getId().getId(), entity.getPartitionId());
        pid.setResourceType(entity.getResourceType());
        return pid;
    }

    /** What HAPI stores for a new resource, in the order HAPI works it out. */
    private void addRows(Rows rows, SharedSessionContractImplementor session, Resource resource, ResourceTable entity,
            TransactionDetails transaction, RequestDetails request) {
        ResourceIndexedSearchParams params = ResourceIndexedSearchParams.withSets();
        extractor.populateFromResource(RequestPartitionId.allPartitions(), params, transaction, entity, resource,
                ResourceIndexedSearchParams.withLists(entity), request, true);
        if (!params.myComboStringUniques.isEmpty() || !params.myComboTokenNonUnique.isEmpty()
                || !params.mySearchParamPresentEntities.isEmpty()) {
            throw new IllegalStateException(resource.fhirType() + " has combined or presence indexes, which HAPI writes itself");
        }
        params.myLinks.stream().filter(link -> link.getTargetResourceType() != null)
                .forEach(link -> link.setTargetResourceTypeId(resourceTypes.getResourceTypeId(link.getTargetResourceType())));

        String text = encode(resource);
        entity.setHashSha256(Hashing.sha256().hashUnencodedChars(text).toString());
        addTags(entity, resource, transaction);
        params.populateResourceTableSearchParamsPresentFlags(entity);
        entity.setIndexStatus(EntityIndexStatusEnum.INDEXED_RDBMS_ONLY);
        rows.add(HapiTables.RESOURCE, entity);

        boolean versionedTags = settings.getTagStorageMode() == JpaStorageSettings.TagStorageModeEnum.VERSIONED;
        ResourceHistoryTable version = entity.toHistory(versionedTags);
        version.setEncoding(ResourceEncodingEnum.JSON);
        version.setResourceTextVc(text);
        ResourceHistoryTablePk versionKey = (ResourceHistoryTablePk) ids.generate(session, ResourceHistoryTable.class, version);
        versionKey.setPartitionIdValue(entity.getPartitionId().getPartitionId());
        version.setMyId(versionKey);
        source(resource, request, version);
        rows.add(HapiTables.VERSION, version);
        for (ResourceTag tag : entity.getTags()) {
            rows.add(HapiTables.TAG, new HapiTables.Keyed<>(ids.next(session, ResourceTag.class, tag), tag));
        }
        for (ResourceHistoryTag tag : version.getTags()) {
            rows.add(HapiTables.VERSION_TAG, new HapiTables.Keyed<>(ids.next(session, ResourceHistoryTag.class, tag), tag));
        }

        addIndexRows(rows, session, entity, HapiTables.TOKEN, params.myTokenParams, ResourceIndexedSearchParamToken.class);
        addIndexRows(rows, session, entity, HapiTables.STRING, params.myStringParams, ResourceIndexedSearchParamString.class);
        addIndexRows(rows, session, entity, HapiTables.DATE, params.myDateParams, ResourceIndexedSearchParamDate.class);
        addIndexRows(rows, session, entity, HapiTables.QUANTITY, params.myQuantityParams, ResourceIndexedSearchParamQuantity.class);
        addIndexRows(rows, session, entity, HapiTables.QUANTITY_NORMALIZED, params.myQuantityNormalizedParams,
                ResourceIndexedSearchParamQuantityNormalized.class);
        addIndexRows(rows, session, entity, HapiTables.URI, params.myUriParams, ResourceIndexedSearchParamUri.class);
        addIndexRows(rows, session, entity, HapiTables.NUMBER, params.myNumberParams, ResourceIndexedSearchParamNumber.class);
        addIndexRows(rows, session, entity, HapiTables.COORDS, params.myCoordsParams, ResourceIndexedSearchParamCoords.class);
        for (ResourceLink link : distinct(entity, params.myLinks)) {
            link.setId(ids.next(session, ResourceLink.class, link));
            rows.add(HapiTables.LINK, link);
        }
    }

    /**
     * As HAPI synchronises a new resource's search indexes: keyed to the resource, hashed, each distinct one once;
     * as each row goes in, HAPI's entity listeners then clear its time of update (IndexStorageOptimizationListener)
     * and cut long token values to the column's length.
     */
    private <T extends BaseResourceIndexedSearchParam> void addIndexRows(Rows rows, SharedSessionContractImplementor session,
            ResourceTable entity, HapiTables.Table<HapiTables.Owned<T>> table, Collection<T> indexes, Class<T> type) {
        for (T index : distinct(entity, indexes)) {
            parameterIdentities.findOrCreateSearchParamIdentity(index.getHashIdentity(), index.getResourceType(), index.getParamName());
            index.setUpdated(null);
            if (index instanceof ResourceIndexedSearchParamToken token) {
                token.truncateFieldsForDB(); // after hashing, as HAPI truncates on persist
            }
            index.setId(ids.next(session, type, index));
            rows.add(table, new HapiTables.Owned<>(entity, index));
        }
    }

    /** The indexes keyed to the resource and hashed, each distinct one once: their identity includes the hashes. */
    private static <T extends BaseResourceIndex> Set<T> distinct(ResourceTable entity, Collection<T> indexes) {
        for (T index : indexes) {
            index.setResourceId(entity.getId().getId());
            index.setPartitionId(entity.getPartitionId());
            index.calculateHashes();
        }
        return new LinkedHashSet<>(indexes);
    }

    /**
     * The resource as HAPI encodes it for storing: JSON without its id and the meta HAPI keeps in columns and
     * tag rows (all of meta, unless meta has extensions of its own).
     */
    private String encode(Resource resource) {
        String type = resource.fhirType();
        List<String> excluded = new ArrayList<>(List.of("id"));
        if (resource.getMeta().getExtension().isEmpty()) {
            excluded.add(type + ".meta");
        } else {
            excluded.addAll(List.of(type + ".meta.profile", type + ".meta.tag", type + ".meta.security",
                    type + ".meta.versionId", type + ".meta.lastUpdated", type + ".meta.source"));
        }
        return fhir.newJsonParser().setDontEncodeElements(excluded).encodeResourceToString(resource);
    }

    /** Tags, security labels and profiles, in that order, each as HAPI's tag definition of it. */
    private void addTags(ResourceTable entity, Resource resource, TransactionDetails transaction) {
        for (Coding tag : resource.getMeta().getTag()) {
            addTag(entity, transaction, TagTypeEnum.TAG, tag);
        }
        for (Coding label : resource.getMeta().getSecurity()) {
            addTag(entity, transaction, TagTypeEnum.SECURITY_LABEL, label);
        }
        resource.getMeta().getProfile().forEach(profile -> {
            TagDefinition definition = tagDefinitions.of(transaction, TagTypeEnum.PROFILE, BaseHapiFhirDao.NS_JPA_PROFILE,
                    profile.getValue(), null, null, null);
            if (definition != null) {
                entity.addTag(definition);
                entity.setHasTags(true);
            }
        });
    }

    private void addTag(ResourceTable entity, TransactionDetails transaction, TagTypeEnum type, IBaseCoding coding) {
        TagDefinition definition = tagDefinitions.of(transaction, type, coding.getSystem(), coding.getCode(),
                coding.getDisplay(), coding.getVersion(), codingSpy.getBooleanObject(coding));
        if (definition != null) {
            entity.addTag(definition);
            entity.setHasTags(true);
        }
    }

    /** {@code meta.source} as HAPI keeps it: the URI in the version row, a request id beside it. */
    private void source(Resource resource, RequestDetails request, ResourceHistoryTable version) {
        String source = MetaUtil.getSource(fhir, resource.getMeta());
        String requestId = settings.isPreserveRequestIdInResourceBody()
                ? StringUtils.substringAfter(source, "#") : request != null ? request.getRequestId() : null;
        String uri = MetaUtil.extractSourceUriOrEmpty(source);
        if (StringUtils.isNotBlank(requestId) && settings.getStoreMetaSourceInformation().isStoreRequestId()) {
            version.setRequestId(StringUtils.left(requestId, ca.uhn.fhir.rest.api.Constants.REQUEST_ID_LENGTH));
        }
        if (StringUtils.isNotBlank(uri) && settings.getStoreMetaSourceInformation().isStoreSourceUri()) {
            version.setSourceUri(StringUtils.left(uri, ResourceHistoryTable.SOURCE_URI_LENGTH));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void insert(Connection connection, HapiTables.Table<T> table, Rows rows) throws SQLException {
        TableInserts.insert(connection, table, (List<T>) rows.of(table));
    }

    /** What to insert, table by table. */
    private static final class Rows {
        private final Map<HapiTables.Table<?>, List<Object>> byTable = new LinkedHashMap<>();

        <T> void add(HapiTables.Table<T> table, T row) {
            byTable.computeIfAbsent(table, key -> new ArrayList<>()).add(row);
        }

        List<?> of(HapiTables.Table<?> table) {
            return byTable.getOrDefault(table, List.of());
        }
    }

    /** Why this server's storage settings are not the layout this writer writes, or null when they are. */
    private static String unsupportedSettings(JpaStorageSettings settings, PartitionSettings partitions, boolean oracle) {
        if (partitions.isPartitioningEnabled()) {
            return "partitioning is enabled";
        }
        if (oracle) {
            return "resource texts are kept as binaries on Oracle";
        }
        if (settings.getTagStorageMode() != JpaStorageSettings.TagStorageModeEnum.VERSIONED) {
            return "tags are stored " + settings.getTagStorageMode();
        }
        if (settings.getIndexMissingFields() == JpaStorageSettings.IndexEnabledEnum.ENABLED) {
            return "missing values are indexed";
        }
        if (settings.isHibernateSearchIndexFullText() || settings.isHibernateSearchIndexSearchParams()) {
            return "a full-text index is kept";
        }
        if (settings.isIndexOnContainedResources() || settings.isIndexOnContainedResourcesRecursively()) {
            return "contained resources are indexed";
        }
        if (!settings.getTreatBaseUrlsAsLocal().isEmpty() || !settings.getAutoVersionReferenceAtPaths().isEmpty()) {
            return "references are rewritten before storing";
        }
        if (settings.isIndexStorageOptimized()) {
            return "index storage is optimized";
        }
        return null;
    }
}

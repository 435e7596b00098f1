package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParamQuantity;
import ca.uhn.fhir.jpa.model.entity.PartitionablePartitionId;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
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
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * HAPI FHIR's tables as the hub writes new resources into them: each column with the entity value HAPI's own
 * mapping stores there. Only what a new, current, undeleted version of a resource writes; the equivalence test
 * ({@code NewResourceWriterEquivalenceTest}) compares every column with what HAPI writes for the same resources.
 */
final class HapiTables {

    private HapiTables() {}

    /** A column: its name, its JDBC type, and its value in a row. */
    record Column<T>(String name, int sqlType, Function<T, Object> value) {}

    /** A table and its columns, in the order of the insert statement. */
    record Table<T>(String name, List<Column<T>> columns) {

        String insertStatement() {
            List<String> names = columns.stream().map(Column::name).toList();
            return "insert into " + name + " (" + String.join(", ", names) + ") values ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        }
    }

    static final Table<ResourceTable> RESOURCE = new Table<>("hfj_resource", List.of(
            column("res_id", Types.BIGINT, (ResourceTable r) -> r.getId().getId()),
            column("partition_id", Types.INTEGER, r -> partitionId(r.getPartitionId())),
            column("partition_date", Types.DATE, r -> partitionDate(r.getPartitionId())),
            column("res_deleted_at", Types.TIMESTAMP, ResourceTable::getDeleted),
            column("res_version", Types.VARCHAR, r -> r.getFhirVersion() == null ? null : r.getFhirVersion().name()),
            column("has_tags", Types.BOOLEAN, ResourceTable::isHasTags),
            column("res_published", Types.TIMESTAMP, ResourceTable::getPublishedDate),
            column("res_updated", Types.TIMESTAMP, ResourceTable::getUpdatedDate),
            column("fhir_id", Types.VARCHAR, ResourceTable::getFhirId),
            column("sp_has_links", Types.BOOLEAN, ResourceTable::isHasLinks),
            column("hash_sha256", Types.VARCHAR, ResourceTable::getHashSha256),
            column("sp_index_status", Types.SMALLINT, r -> r.getIndexStatus() == null ? null : (short) r.getIndexStatus().ordinal()),
            column("res_language", Types.VARCHAR, r -> null),
            column("sp_cmpstr_uniq_present", Types.BOOLEAN, ResourceTable::isParamsComboStringUniquePresent),
            column("sp_cmptoks_present", Types.BOOLEAN, ResourceTable::isParamsComboTokensNonUniquePresent),
            column("sp_coords_present", Types.BOOLEAN, ResourceTable::isParamsCoordsPopulated),
            column("sp_date_present", Types.BOOLEAN, ResourceTable::isParamsDatePopulated),
            column("sp_number_present", Types.BOOLEAN, ResourceTable::isParamsNumberPopulated),
            column("sp_quantity_nrml_present", Types.BOOLEAN, ResourceTable::isParamsQuantityNormalizedPopulated),
            column("sp_quantity_present", Types.BOOLEAN, ResourceTable::isParamsQuantityPopulated),
            column("sp_string_present", Types.BOOLEAN, ResourceTable::isParamsStringPopulated),
            column("sp_token_present", Types.BOOLEAN, ResourceTable::isParamsTokenPopulated),
            column("sp_uri_present", Types.BOOLEAN, ResourceTable::isParamsUriPopulated),
            column("res_type", Types.VARCHAR, ResourceTable::getResourceType),
            column("res_type_id", Types.SMALLINT, ResourceTable::getResourceTypeId),
            column("search_url_present", Types.BOOLEAN, ResourceTable::isSearchUrlPresent),
            column("res_ver", Types.BIGINT, ResourceTable::getVersion)));

    static final Table<ResourceHistoryTable> VERSION = new Table<>("hfj_res_ver", List.of(
            column("pid", Types.BIGINT, (ResourceHistoryTable v) -> v.getId().getId()),
            column("partition_id", Types.INTEGER, v -> partitionId(v.getPartitionId())),
            column("partition_date", Types.DATE, v -> partitionDate(v.getPartitionId())),
            column("res_deleted_at", Types.TIMESTAMP, ResourceHistoryTable::getDeleted),
            column("res_version", Types.VARCHAR, v -> v.getFhirVersion() == null ? null : v.getFhirVersion().name()),
            column("has_tags", Types.BOOLEAN, ResourceHistoryTable::isHasTags),
            column("res_published", Types.TIMESTAMP, ResourceHistoryTable::getPublishedDate),
            column("res_updated", Types.TIMESTAMP, ResourceHistoryTable::getUpdatedDate),
            column("res_encoding", Types.VARCHAR, v -> v.getEncoding().name()),
            column("request_id", Types.VARCHAR, ResourceHistoryTable::getRequestId),
            column("res_id", Types.BIGINT, v -> v.getResourceId().getId()),
            column("res_text_vc", Types.VARCHAR, ResourceHistoryTable::getResourceTextVc),
            column("res_type", Types.VARCHAR, ResourceHistoryTable::getResourceType),
            column("res_type_id", Types.SMALLINT, ResourceHistoryTable::getResourceTypeId),
            column("res_ver", Types.BIGINT, ResourceHistoryTable::getVersion),
            column("source_uri", Types.VARCHAR, ResourceHistoryTable::getSourceUri)));

    /** A row whose entity class keeps its key to itself (HAPI's tag rows): the key drawn for it, and the row. */
    record Keyed<T>(long key, T row) {}

    static final Table<Keyed<ResourceTag>> TAG = new Table<>("hfj_res_tag", List.of(
            column("pid", Types.BIGINT, (Keyed<ResourceTag> t) -> t.key()),
            column("partition_id", Types.INTEGER, t -> partitionId(t.row().getPartitionId())),
            column("partition_date", Types.DATE, t -> partitionDate(t.row().getPartitionId())),
            column("tag_id", Types.BIGINT, t -> t.row().getTag().getId()),
            column("res_id", Types.BIGINT, t -> t.row().getResource().getId().getId()),
            column("res_type", Types.VARCHAR, t -> t.row().getResourceType()),
            column("res_type_id", Types.SMALLINT, t -> t.row().getResourceTypeId())));

    static final Table<Keyed<ResourceHistoryTag>> VERSION_TAG = new Table<>("hfj_history_tag", List.of(
            column("pid", Types.BIGINT, (Keyed<ResourceHistoryTag> t) -> t.key()),
            column("partition_id", Types.INTEGER, t -> partitionId(t.row().getPartitionId())),
            column("partition_date", Types.DATE, t -> partitionDate(t.row().getPartitionId())),
            column("tag_id", Types.BIGINT, t -> t.row().getTag().getId()),
            column("res_ver_pid", Types.BIGINT, t -> t.row().getResourceHistory().getId().getId()),
            column("res_id", Types.BIGINT, t -> t.row().getResourceHistory().getResourceId().getId()),
            column("res_type", Types.VARCHAR, t -> t.row().getResourceType()),
            column("res_type_id", Types.SMALLINT, t -> t.row().getResourceTypeId())));

    /** An index row, and the resource it indexes (HAPI's index entities keep the resource's key to themselves). */
    record Owned<T>(ResourceTable owner, T row) {}

    static final Table<Owned<ResourceIndexedSearchParamToken>> TOKEN = new Table<>("hfj_spidx_token", withIndexColumns(List.of(
            column("hash_sys", Types.BIGINT, t -> t.row().getHashSystem()),
            column("hash_sys_and_value", Types.BIGINT, t -> t.row().getHashSystemAndValue()),
            column("hash_value", Types.BIGINT, t -> t.row().getHashValue()),
            column("sp_system", Types.VARCHAR, t -> t.row().getSystem()),
            column("sp_value", Types.VARCHAR, t -> t.row().getValue()))));

    static final Table<Owned<ResourceIndexedSearchParamString>> STRING = new Table<>("hfj_spidx_string", withIndexColumns(List.of(
            column("hash_exact", Types.BIGINT, t -> t.row().getHashExact()),
            column("hash_norm_prefix", Types.BIGINT, t -> t.row().getHashNormalizedPrefix()),
            column("sp_value_exact", Types.VARCHAR, t -> t.row().getValueExact()),
            column("sp_value_normalized", Types.VARCHAR, t -> t.row().getValueNormalized()))));

    static final Table<Owned<ResourceIndexedSearchParamDate>> DATE = new Table<>("hfj_spidx_date", withIndexColumns(List.of(
            column("sp_value_high", Types.TIMESTAMP, t -> t.row().getValueHigh()),
            column("sp_value_high_date_ordinal", Types.INTEGER, t -> t.row().getValueHighDateOrdinal()),
            column("sp_value_low", Types.TIMESTAMP, t -> t.row().getValueLow()),
            column("sp_value_low_date_ordinal", Types.INTEGER, t -> t.row().getValueLowDateOrdinal()))));

    static final Table<Owned<ResourceIndexedSearchParamQuantity>> QUANTITY = new Table<>("hfj_spidx_quantity", withIndexColumns(
            withQuantityColumns(List.of(column("sp_value", Types.NUMERIC, t -> t.row().getValue())))));

    static final Table<Owned<ResourceIndexedSearchParamQuantityNormalized>> QUANTITY_NORMALIZED = new Table<>(
            "hfj_spidx_quantity_nrml", withIndexColumns(withQuantityColumns(List.of(
                    column("sp_value", Types.DOUBLE, t -> t.row().getValue())))));

    static final Table<Owned<ResourceIndexedSearchParamUri>> URI = new Table<>("hfj_spidx_uri", withIndexColumns(List.of(
            column("hash_uri", Types.BIGINT, t -> t.row().getHashUri()),
            column("sp_uri", Types.VARCHAR, t -> t.row().getUri()))));

    static final Table<Owned<ResourceIndexedSearchParamNumber>> NUMBER = new Table<>("hfj_spidx_number", withIndexColumns(List.of(
            column("sp_value", Types.NUMERIC, t -> t.row().getValue()))));

    static final Table<Owned<ResourceIndexedSearchParamCoords>> COORDS = new Table<>("hfj_spidx_coords", withIndexColumns(List.of(
            column("sp_latitude", Types.DOUBLE, t -> t.row().getLatitude()),
            column("sp_longitude", Types.DOUBLE, t -> t.row().getLongitude()))));

    static final Table<ResourceLink> LINK = new Table<>("hfj_res_link", List.of(
            column("pid", Types.BIGINT, (ResourceLink l) -> l.getId()),
            column("partition_id", Types.INTEGER, l -> partitionId(l.getPartitionId())),
            column("partition_date", Types.DATE, l -> partitionDate(l.getPartitionId())),
            column("src_path", Types.VARCHAR, ResourceLink::getSourcePath),
            column("src_resource_id", Types.BIGINT, l -> l.getSourceResource().getId().getId()),
            column("source_resource_type", Types.VARCHAR, ResourceLink::getSourceResourceType),
            column("src_res_type_id", Types.SMALLINT, l -> l.getSourceResource().getResourceTypeId()),
            column("target_res_partition_date", Types.DATE, ResourceLink::getTargetResourcePartitionDate),
            column("target_res_partition_id", Types.INTEGER, ResourceLink::getTargetResourcePartitionId),
            column("target_resource_id", Types.BIGINT, ResourceLink::getTargetResourcePid),
            column("target_resource_type", Types.VARCHAR, ResourceLink::getTargetResourceType),
            column("target_res_type_id", Types.SMALLINT, ResourceLink::getTargetResourceTypeId),
            column("target_resource_url", Types.VARCHAR, ResourceLink::getTargetResourceUrl),
            column("target_resource_version", Types.BIGINT, ResourceLink::getTargetResourceVersion),
            column("sp_updated", Types.TIMESTAMP, ResourceLink::getUpdated)));

    /** Every table in the order rows go in: a row's foreign keys point at tables before its own. */
    static final List<Table<?>> IN_INSERT_ORDER = List.of(RESOURCE, VERSION, TAG, VERSION_TAG, TOKEN, STRING, DATE,
            QUANTITY, QUANTITY_NORMALIZED, URI, NUMBER, COORDS, LINK);

    private static <T extends BaseResourceIndexedSearchParam> List<Column<Owned<T>>> withIndexColumns(List<Column<Owned<T>>> own) {
        List<Column<Owned<T>>> columns = new ArrayList<>(List.of(
                column("sp_id", Types.BIGINT, p -> p.row().getId()),
                column("partition_id", Types.INTEGER, p -> partitionId(p.row().getPartitionId())),
                column("partition_date", Types.DATE, p -> partitionDate(p.row().getPartitionId())),
                column("hash_identity", Types.BIGINT, p -> p.row().getHashIdentity()),
                column("sp_missing", Types.BOOLEAN, p -> p.row().isMissing()),
                column("sp_name", Types.VARCHAR, p -> p.row().getParamName()),
                column("res_id", Types.BIGINT, p -> p.owner().getId().getId()),
                column("res_type", Types.VARCHAR, p -> p.row().getResourceType()),
                column("sp_updated", Types.TIMESTAMP, p -> p.row().getUpdated())));
        columns.addAll(own);
        return columns;
    }

    private static <T extends BaseResourceIndexedSearchParamQuantity> List<Column<Owned<T>>> withQuantityColumns(List<Column<Owned<T>>> own) {
        List<Column<Owned<T>>> columns = new ArrayList<>(List.of(
                column("hash_identity_and_units", Types.BIGINT, q -> q.row().getHashIdentityAndUnits()),
                column("hash_identity_sys_units", Types.BIGINT, q -> q.row().getHashIdentitySystemAndUnits()),
                column("sp_system", Types.VARCHAR, q -> q.row().getSystem()),
                column("sp_units", Types.VARCHAR, q -> q.row().getUnits())));
        columns.addAll(own);
        return columns;
    }

    private static <T> Column<T> column(String name, int sqlType, Function<T, Object> value) {
        return new Column<>(name, sqlType, value);
    }

    private static Integer partitionId(PartitionablePartitionId partition) {
        return partition == null ? null : partition.getPartitionId();
    }

    private static java.time.LocalDate partitionDate(PartitionablePartitionId partition) {
        return partition == null ? null : partition.getPartitionDate();
    }
}

package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.jpa.dao.CacheTagDefinitionDao;
import ca.uhn.fhir.jpa.dao.data.ITagDefinitionDao;
import ca.uhn.fhir.jpa.model.entity.TagDefinition;
import ca.uhn.fhir.jpa.model.entity.TagTypeEnum;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;

/**
 * HAPI's tag definitions (one row per distinct tag, security label or profile), found or created exactly as HAPI
 * finds them when it stores a resource, through HAPI's own cache of them.
 */
final class HapiTagDefinitions extends CacheTagDefinitionDao {

    HapiTagDefinitions(ITagDefinitionDao definitions, MemoryCacheService cache) {
        super(definitions, cache);
    }

    /** The definition of a tag, created in the current transaction if HAPI has none yet; null for a blank one. */
    TagDefinition of(TransactionDetails transaction, TagTypeEnum type, String system, String code, String display,
            String version, Boolean userSelected) {
        return getTagOrNull(transaction, type, system, code, display, version, userSelected);
    }
}

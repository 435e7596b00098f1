package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildResourceDefinition;
import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.dao.BaseStorageDao;
import ca.uhn.fhir.jpa.searchparam.extractor.LogicalReferenceHelper;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The checks HAPI makes of a resource before it stores one, in HAPI's words, so that a resource the hub writes
 * itself passes exactly what it would have to pass through HAPI: a valid id (if any) of the resource's own type, no
 * "subsetted" tag, references only to the types each element allows, no more meta entries than the limit.
 */
final class HapiStorageRules {

    private final FhirContext fhir;
    private final JpaStorageSettings settings;

    HapiStorageRules(FhirContext fhir, JpaStorageSettings settings) {
        this.fhir = fhir;
        this.settings = settings;
    }

    void check(Resource resource) {
        IIdType id = resource.getIdElement();
        String type = resource.fhirType();
        if (id.hasIdPart() && !id.isIdPartValid()) {
            throw new InvalidRequestException(Msg.code(521) + fhir.getLocalizer()
                    .getMessageSanitized(BaseStorageDao.class, "failedToCreateWithInvalidId", id.getIdPart()));
        }
        if (id.hasResourceType() && !type.equals(id.getResourceType())) {
            throw new InvalidRequestException(Msg.code(2616) + fhir.getLocalizer().getMessageSanitized(
                    BaseStorageDao.class, "failedToCreateWithInvalidIdWrongResourceType", id.toUnqualifiedVersionless()));
        }
        if (resource.getMeta().getTag(Constants.TAG_SUBSETTED_SYSTEM_DSTU3, Constants.TAG_SUBSETTED_CODE) != null) {
            throw new UnprocessableEntityException(Msg.code(933) + "Resource contains the 'subsetted' tag, and must not be stored as it"
                    + " may contain a subset of available data");
        }
        if (settings.isEnforceReferenceTargetTypes()) {
            checkReferenceTargetTypes(resource, type);
        }
        int metaCount = resource.getMeta().getTag().size() + resource.getMeta().getProfile().size()
                + resource.getMeta().getSecurity().size();
        Integer limit = settings.getResourceMetaCountHardLimit();
        if (limit != null && metaCount > limit) {
            throw new UnprocessableEntityException(Msg.code(932) + "Resource contains " + metaCount
                    + " meta entries (tag/profile/security label), maximum is " + limit);
        }
    }

    private void checkReferenceTargetTypes(IBase element, String path) {
        BaseRuntimeElementDefinition<?> definition = fhir.getElementDefinition(element.getClass());
        if (!(definition instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
            return;
        }
        for (BaseRuntimeChildDefinition child : composite.getChildren()) {
            List<IBase> values = child.getAccessor().getValues(element);
            if (values == null || values.isEmpty()) {
                continue;
            }
            String childPath = path + "." + child.getElementName();
            for (IBase value : values) {
                checkReferenceTargetTypes(value, childPath);
            }
            if (child instanceof RuntimeChildResourceDefinition references) {
                Set<String> allowed = new HashSet<>();
                boolean anyType = false;
                for (Class<? extends IBaseResource> target : references.getResourceTypes()) {
                    if (target.isInterface()) {
                        anyType = true;
                        break;
                    }
                    allowed.add(fhir.getResourceType(target));
                }
                if (anyType) {
                    continue;
                }
                for (IBase value : values) {
                    IIdType target = ((IBaseReference) value).getReferenceElement();
                    if (target.getResourceType() != null && !target.getResourceType().isBlank()
                            && !LogicalReferenceHelper.isLogicalReference(settings, target)
                            && !target.getValue().contains("?") && !allowed.contains(target.getResourceType())) {
                        throw new UnprocessableEntityException(Msg.code(931) + "Invalid reference found at path '" + childPath
                                + "'. Resource type '" + target.getResourceType() + "' is not valid for this path");
                    }
                }
            }
        }
    }
}

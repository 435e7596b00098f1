package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.IdAndPartitionId;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTablePk;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.Generator;

/**
 * Primary keys from HAPI's own sequence generators, the very instances HAPI's entity manager uses, so the hub's
 * rows and HAPI's draw from the same pooled blocks of each sequence and never collide.
 */
final class HapiIds {

    private final Map<Class<?>, BeforeExecutionGenerator> generators = new HashMap<>();

    /** The next key of the table the entity class maps to, as HAPI's mapping holds it (a composite for some). */
    Object generate(SharedSessionContractImplementor session, Class<?> entityClass, Object entity) {
        return generatorOf(session, entityClass).generate(session, entity, null, EventType.INSERT);
    }

    /** The next key of the table the entity class maps to. */
    long next(SharedSessionContractImplementor session, Class<?> entityClass, Object entity) {
        Object id = generate(session, entityClass, entity);
        return switch (id) {
            case JpaPid pid -> pid.getId();
            case IdAndPartitionId pid -> pid.getId();
            case ResourceHistoryTablePk pid -> pid.getId();
            case Long value -> value;
            default -> throw new IllegalStateException("HAPI's key generator for " + entityClass.getSimpleName()
                    + " gave a " + id.getClass().getName() + ", which the hub does not know how to read");
        };
    }

    private synchronized BeforeExecutionGenerator generatorOf(SharedSessionContractImplementor session, Class<?> entityClass) {
        return generators.computeIfAbsent(entityClass, type -> {
            Generator generator = session.getFactory().getMappingMetamodel().getEntityDescriptor(type).getGenerator();
            if (!(generator instanceof BeforeExecutionGenerator before)) {
                throw new IllegalStateException("HAPI's key generator for " + type.getSimpleName() + " is not a sequence");
            }
            return before;
        });
    }
}

package org.phrhub.fhirserver.schema;

/**
 * The database's schema, made ready before HAPI's entity manager opens (its bean is a parameter of the entity
 * manager factory, so Spring creates it first). Which one runs depends on the profile: see {@link SchemaConfig}.
 */
public interface DatabaseSchema {

    /** What Hibernate does with the schema when the entity manager opens ({@code hibernate.hbm2ddl.auto}). */
    String hibernateDdlAuto();
}

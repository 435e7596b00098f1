package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Message;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * Maps the messages of some SS-MIX2 data types to FHIR resources. Every resource carries
 * {@link MappingContext#sourceRecord} as an identifier and references {@link MappingContext#subject}.
 */
public interface DataTypeMapper {

    /** The SS-MIX2 data types this mapper reads, e.g. {@code OMP-01}. */
    Set<String> dataTypes();

    List<Resource> map(Message message, MappingContext context) throws MappingException;
}

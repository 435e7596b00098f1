package org.phrhub.ingest.ssmix2.map;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The mapper of each supported SS-MIX2 data type; a data type without one is reported and skipped. */
public final class Ssmix2Mappers {

    private final Map<String, DataTypeMapper> byDataType = new HashMap<>();

    public Ssmix2Mappers(List<DataTypeMapper> mappers) {
        for (DataTypeMapper mapper : mappers) {
            for (String dataType : mapper.dataTypes()) {
                DataTypeMapper earlier = byDataType.put(dataType, mapper);
                if (earlier != null) {
                    throw new IllegalArgumentException("two mappers claim data type " + dataType + ": "
                            + earlier.getClass().getSimpleName() + " and " + mapper.getClass().getSimpleName());
                }
            }
        }
    }

    /** Every mapper of this module. */
    public static Ssmix2Mappers standard() {
        return new Ssmix2Mappers(List.of(new PatientMapper(), new AllergyMapper(), new ProblemMapper(),
                new PrescriptionMapper(), new LabResultMapper(), new VitalSignsMapper()));
    }

    public Optional<DataTypeMapper> forDataType(String dataType) {
        return Optional.ofNullable(byDataType.get(dataType));
    }

    public Set<String> supported() {
        return new TreeSet<>(byDataType.keySet());
    }
}

package org.phrhub.consent.search;

import java.util.Map;
import java.util.Set;
import org.phrhub.consent.decision.DataDescription.Code;

/**
 * The part of one patient's data of one type a reader may see, as search parameters: optionally
 * "any of these codes" in one parameter, "none of these codes", and "none of these security labels".
 * Patients whose filters are equal can be searched in one query. The HAPI adapter turns it into the
 * query's parameters.
 *
 * @param includeParameter {@code category} or {@code code}, or null when every class is allowed
 */
public record DataFilter(String includeParameter, Set<Code> include, Map<String, Set<Code>> exclude, Set<Code> excludeLabels) {

    public DataFilter {
        include = Set.copyOf(include);
        exclude = Map.copyOf(exclude);
        excludeLabels = Set.copyOf(excludeLabels);
    }
}

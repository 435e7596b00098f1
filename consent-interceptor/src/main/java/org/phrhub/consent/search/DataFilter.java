package org.phrhub.consent.search;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import java.util.Map;
import java.util.Set;
import org.phrhub.consent.decision.DataDescription.Code;

/**
 * The part of one patient's data of one type a reader may see, as search parameters: optionally
 * "any of these codes" in one parameter, "none of these codes", and "none of these security labels".
 * Patients whose filters are equal can be searched in one query.
 *
 * @param includeParameter {@code category} or {@code code}, or null when every class is allowed
 */
public record DataFilter(String includeParameter, Set<Code> include, Map<String, Set<Code>> exclude, Set<Code> excludeLabels) {

    public DataFilter {
        include = Set.copyOf(include);
        exclude = Map.copyOf(exclude);
        excludeLabels = Set.copyOf(excludeLabels);
    }

    void applyTo(SearchParameterMap params) {
        if (includeParameter != null) {
            TokenOrListParam any = new TokenOrListParam();
            include.forEach(c -> any.addOr(token(c)));
            params.add(includeParameter, any);
        }
        exclude.forEach((parameter, codes) ->
                codes.forEach(c -> params.add(parameter, token(c).setModifier(TokenParamModifier.NOT))));
        excludeLabels.forEach(label -> params.add("_security", token(label).setModifier(TokenParamModifier.NOT)));
    }

    private static TokenParam token(Code code) {
        return new TokenParam(code.system().isEmpty() ? null : code.system(), code.code());
    }
}

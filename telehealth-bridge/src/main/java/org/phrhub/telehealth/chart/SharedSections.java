package org.phrhub.telehealth.chart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

/**
 * Which chart sections the patient shares with the reader for the reader's purpose, as the hub answers
 * the reader's own {@code Patient/{id}/$access-explain}. The answer is the same for a patient who shared
 * nothing and for one who does not exist, so the chart never tells them apart either.
 */
public final class SharedSections {

    public Set<ChartSection> of(IGenericClient fhir, String patient) {
        Parameters answer = fhir.operation().onInstance(patient).named("$access-explain")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Set<ChartSection> shared = EnumSet.noneOf(ChartSection.class);
        for (ParametersParameterComponent access : answer.getParameter()) {
            if (!"access".equals(access.getName()) || !"permit".equals(part(access, "decision"))) {
                continue;
            }
            String dataClass = part(access, "dataClass");
            for (ChartSection section : ChartSection.values()) {
                if (section.dataClass().equals(dataClass)) {
                    shared.add(section);
                }
            }
        }
        return shared;
    }

    private static String part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(p -> p.getValue() == null ? null : p.getValue().primitiveValue()).orElse(null);
    }
}

package org.phrhub.consent.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.phrhub.consent.decision.AccessKind;
import org.phrhub.consent.decision.ConsentDecisionEngine;
import org.phrhub.consent.decision.DataDescriber;
import org.phrhub.consent.decision.DataDescription;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.consent.decision.Reader;
import org.phrhub.vocabulary.DataClasses;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.V3Confidentiality;

/**
 * Turns one patient's Consents into search parameters for one reader and resource type, by asking the
 * decision engine about representative data: the type with no class, with each class the Consents
 * mention, and with each label they mention or that is restricted by default. The filter is exact
 * for Consents that decide by actor, purpose, type, class and label; Consents that also decide by the
 * data's date or by naming single resources cannot be searched and say so.
 */
public final class SearchScopeCompiler {

    private static final Set<String> CATEGORY_SYSTEMS = Set.of(
            Hl7Terminology.OBSERVATION_CATEGORY,
            Hl7Terminology.CONDITION_CATEGORY,
            DataClasses.SYSTEM);
    private static final Code PROBLEM_LIST_ITEM =
            new Code(Hl7Terminology.CONDITION_CATEGORY, Hl7Terminology.PROBLEM_LIST_ITEM);

    private final ConsentDecisionEngine engine;
    private final FhirContext fhirContext;

    public SearchScopeCompiler(ConsentDecisionEngine engine, FhirContext fhirContext) {
        this.engine = engine;
        this.fhirContext = fhirContext;
    }

    public SearchScope compile(Reader reader, String type, String patient, List<Consent> consents, Instant now) {
        List<Consent> inForce = consents.stream().filter(c -> ConsentDecisionEngine.isInForce(c, patient, now)).toList();
        Mentions mentions = new Mentions();
        inForce.forEach(c -> mentions.collect(c.getProvision(), reader, type));
        if (mentions.undecidable != null) {
            return new SearchScope.Unexpressible(mentions.undecidable);
        }
        Probe probe = new Probe(reader, type, patient, inForce, now);
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        // A class the type has no element for (a category of a Patient) never occurs on its data.
        mentions.classCodes.removeIf(code -> definition.getSearchParam(parameterFor(code)) == null);

        boolean basePermitted = probe.permits(Set.of(), Set.of());
        Set<Code> include = new LinkedHashSet<>();
        Set<Code> exclude = new LinkedHashSet<>();
        for (Code code : mentions.classCodes) {
            if (probe.permits(Set.of(code), Set.of())) {
                include.add(code);
            } else {
                exclude.add(code);
            }
        }
        if (!basePermitted && include.isEmpty()) {
            return new SearchScope.None();
        }
        Set<Code> sample = basePermitted ? Set.of() : Set.of(include.iterator().next());
        // A denied class only needs excluding where it overrules a permitted one on the same resource.
        Set<Code> overruling = new LinkedHashSet<>();
        for (Code denied : exclude) {
            Set<Code> both = new LinkedHashSet<>(sample);
            both.add(denied);
            if (!probe.permits(both, Set.of())) {
                overruling.add(denied);
            }
        }
        Set<Code> labels = new LinkedHashSet<>(mentions.labels);
        V3Confidentiality.RESTRICTED.forEach(r -> labels.add(new Code(V3Confidentiality.SYSTEM, r)));
        Set<Code> excludeLabels = new LinkedHashSet<>();
        for (Code label : labels) {
            if (!probe.permits(sample, Set.of(label))) {
                excludeLabels.add(label);
            }
        }

        String includeParameter = null;
        if (!basePermitted) {
            Set<String> parameters = new LinkedHashSet<>();
            include.forEach(c -> parameters.add(parameterFor(c)));
            if (parameters.size() > 1) {
                return new SearchScope.Unexpressible("the Consents of " + patient
                        + " permit data both by category and by code");
            }
            includeParameter = parameters.iterator().next();
        }
        Map<String, Set<Code>> excluded = new HashMap<>();
        for (Code code : overruling) {
            excluded.computeIfAbsent(parameterFor(code), p -> new LinkedHashSet<>()).add(code);
        }
        return new SearchScope.Filtered(new DataFilter(includeParameter, include, excluded, excludeLabels));
    }

    private static String parameterFor(Code code) {
        return CATEGORY_SYSTEMS.contains(code.system()) ? "category" : "code";
    }

    /** Asks the engine about made-up data of the type with the given classes and labels. */
    private final class Probe {
        private final Reader reader;
        private final String type;
        private final String patient;
        private final List<Consent> consents;
        private final Instant now;

        Probe(Reader reader, String type, String patient, List<Consent> consents, Instant now) {
            this.reader = reader;
            this.type = type;
            this.patient = patient;
            this.consents = consents;
            this.now = now;
        }

        boolean permits(Set<Code> classes, Set<Code> labels) {
            Set<Code> all = new LinkedHashSet<>(classes);
            all.addAll(DataDescriber.impliedClasses(type, classes));
            DataDescription data = new DataDescription(Optional.empty(), type, patient, all, labels, Optional.empty());
            return engine.decide(reader, data, consents, AccessKind.READ, now).isPermit();
        }
    }

    /** The classes and labels a patient's Consents speak of, for provisions that may concern this reader. */
    private static final class Mentions {
        private final Set<Code> classCodes = new LinkedHashSet<>();
        private final Set<Code> labels = new LinkedHashSet<>();
        private String undecidable;

        void collect(ProvisionComponent provision, Reader reader, String type) {
            boolean forOthers = provision.hasActor() && provision.getActor().stream()
                    .map(a -> a.getReference().getReferenceElement().toUnqualifiedVersionless().getValue())
                    .noneMatch(reader.actorReferences()::contains);
            if (forOthers) {
                return;
            }
            for (var concept : provision.getCode()) {
                for (Coding coding : concept.getCoding()) {
                    Code code = new Code(coding.getSystem(), coding.getCode());
                    if (DataClasses.SYSTEM.equals(code.system())) {
                        // Hub classes follow from the type, except the problem list, which is a Condition category.
                        if (DataClasses.PROBLEM_LIST.equals(code.code()) && "Condition".equals(type)) {
                            classCodes.add(PROBLEM_LIST_ITEM);
                        }
                    } else {
                        classCodes.add(code);
                    }
                }
            }
            provision.getSecurityLabel().forEach(l -> labels.add(new Code(l.getSystem(), l.getCode())));
            if (provision.hasDataPeriod() && undecidable == null) {
                undecidable = "a Consent limits this data by its date";
            }
            if (provision.hasData() && undecidable == null) {
                undecidable = "a Consent names single resources";
            }
            provision.getProvision().forEach(p -> collect(p, reader, type));
        }
    }
}

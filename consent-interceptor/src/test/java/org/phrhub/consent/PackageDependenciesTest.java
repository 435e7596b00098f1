package org.phrhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module's packages in one direction: the decisions, the requester, the audit trail, search
 * narrowing and the explanation are translations over the FHIR model; only {@code hapi} touches HAPI's
 * server, interceptor and JPA API, and nothing outside it depends on it. Read from the main sources'
 * text, so it needs no tool beyond the JDK.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String HAPI = "org.phrhub.consent.hapi";

    /** HAPI's server side: requests, operations, interceptors, search parameters, the JPA storage; and servlets. */
    private static final List<String> SERVER_API = List.of(
            "ca.uhn.fhir.rest.server.", "ca.uhn.fhir.rest.api.server.", "ca.uhn.fhir.rest.annotation.",
            "ca.uhn.fhir.rest.param.", "ca.uhn.fhir.interceptor.", "ca.uhn.fhir.jpa.", "jakarta.servlet.");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified name of one of the module's types: the lower-case segments before the type's name. */
    private static final Pattern MODULE_TYPE = Pattern.compile("\\borg\\.phrhub\\.consent(?:\\.[a-z_][a-z0-9_]*)*(?=\\.[A-Z])");

    @Test
    void nothingOutsideHapiDependsOnHapi() {
        Map<String, Set<String>> graph = graph(mainSources());

        assertThat(graph.keySet()).as("packages read from %s", MAIN.toAbsolutePath())
                .contains(HAPI, "org.phrhub.consent.decision", "org.phrhub.consent.search", "org.phrhub.consent.explain");
        graph.forEach((from, to) -> {
            if (!from.equals(HAPI)) {
                assertThat(to).as("packages %s depends on", from).doesNotContain(HAPI);
            }
        });
    }

    @Test
    void onlyHapiUsesHapisServerApi() {
        mainSources().forEach((file, text) -> {
            if (!HAPI.equals(packageOf(text))) {
                assertThat(SERVER_API).as("HAPI server API used in %s (it belongs in %s)", file, HAPI)
                        .noneMatch(text::contains);
            }
        });
    }

    @Test
    void packagesHaveNoCycles() {
        assertThat(cycles(graph(mainSources()))).isEmpty();
    }

    @Test
    void aCycleIsFoundWhereThereIsOne() {
        Map<String, String> sources = Map.of(
                "A.java", "package org.phrhub.consent.a;\nimport org.phrhub.consent.b.B;\nclass A {}",
                "B.java", "package org.phrhub.consent.b;\nimport static org.phrhub.consent.a.A.Inner.X;\nclass B {}",
                "C.java", "package org.phrhub.consent.c;\nimport org.phrhub.consent.a.A;\nclass C {}");

        assertThat(cycles(graph(sources))).containsExactly(Set.of("org.phrhub.consent.a", "org.phrhub.consent.b"));
    }

    /** Each package's main sources' references to the module's other packages, comments included. */
    private static Map<String, Set<String>> graph(Map<String, String> sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        sources.values().forEach(text -> {
            String from = packageOf(text);
            Set<String> to = graph.computeIfAbsent(from, p -> new TreeSet<>());
            Matcher reference = MODULE_TYPE.matcher(PACKAGE.matcher(text).replaceFirst(""));
            while (reference.find()) {
                if (!reference.group().equals(from)) {
                    to.add(reference.group());
                }
            }
        });
        return graph;
    }

    /** The sets of packages that reach each other, each of more than one package. */
    private static Set<Set<String>> cycles(Map<String, Set<String>> graph) {
        Set<Set<String>> cycles = new HashSet<>();
        for (String start : graph.keySet()) {
            Set<String> mutual = new TreeSet<>();
            for (String other : reachable(graph, start)) {
                if (!other.equals(start) && reachable(graph, other).contains(start)) {
                    mutual.add(other);
                }
            }
            if (!mutual.isEmpty()) {
                mutual.add(start);
                cycles.add(mutual);
            }
        }
        return cycles;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            for (String to : graph.getOrDefault(next.pop(), Set.of())) {
                if (seen.add(to)) {
                    next.push(to);
                }
            }
        }
        return seen;
    }

    private static String packageOf(String text) {
        Matcher matcher = PACKAGE.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("a source without a package declaration: " + text.lines().findFirst().orElse(""));
        }
        return matcher.group(1);
    }

    private static Map<String, String> mainSources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            Map<String, String> sources = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(MAIN.relativize(file).toString(), Files.readString(file));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("the module's main sources could not be read from " + MAIN.toAbsolutePath(), e);
        }
    }
}

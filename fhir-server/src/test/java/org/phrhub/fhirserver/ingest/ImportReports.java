package org.phrhub.fhirserver.ingest;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

/** An import report as a client reads it from the {@code Parameters} the server answers. */
record ImportReports(Parameters parameters) {

    record File(String path, String status, int created, int updated, int unchanged, int deleted, Optional<String> reason) {}

    List<File> files() {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("file")).map(ImportReports::file).toList();
    }

    File file(String pathPrefix) {
        List<File> matching = files().stream().filter(file -> file.path().startsWith(pathPrefix)).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " files start with " + pathPrefix + " in " + files());
        }
        return matching.getFirst();
    }

    int total(String name) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> Integer.parseInt(p.getValue().primitiveValue())).orElseThrow();
    }

    private static File file(ParametersParameterComponent part) {
        return new File(text(part, "path").orElseThrow(), text(part, "status").orElseThrow(),
                number(part, "created"), number(part, "updated"), number(part, "unchanged"), number(part, "deleted"),
                text(part, "reason"));
    }

    private static Optional<String> text(ParametersParameterComponent part, String name) {
        return part.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().map(p -> p.getValue().primitiveValue());
    }

    private static int number(ParametersParameterComponent part, String name) {
        return text(part, name).map(Integer::parseInt).orElse(0);
    }
}

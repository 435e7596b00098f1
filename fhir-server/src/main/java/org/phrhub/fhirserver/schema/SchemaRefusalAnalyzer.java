package org.phrhub.fhirserver.schema;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused schema as Spring Boot's "APPLICATION FAILED TO START" block instead of a stack of bean errors. */
public final class SchemaRefusalAnalyzer extends AbstractFailureAnalyzer<SchemaRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaRefusedException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}

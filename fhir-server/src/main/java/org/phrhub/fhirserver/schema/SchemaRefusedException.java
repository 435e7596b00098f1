package org.phrhub.fhirserver.schema;

/** The server will not start on this database: {@link #problem()} says why, {@link #action()} what to do. */
public final class SchemaRefusedException extends RuntimeException {

    private final String problem;
    private final String action;

    SchemaRefusedException(String problem, String action) {
        super(problem + " " + action);
        this.problem = problem;
        this.action = action;
    }

    public String problem() {
        return problem;
    }

    public String action() {
        return action;
    }
}

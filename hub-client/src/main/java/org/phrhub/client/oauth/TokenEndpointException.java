package org.phrhub.client.oauth;

import java.net.URI;

/**
 * Keycloak's token endpoint gave no token. {@link #failure()} says whether trying again later can help;
 * the message names the endpoint and, when Keycloak refused, its error code and description.
 */
public final class TokenEndpointException extends RuntimeException {

    /** Why no token came back. */
    public enum Failure {
        /** No answer within the timeouts (down, wrong address, network). */
        UNREACHABLE,
        /** HTTP 5xx: Keycloak itself is in trouble. */
        SERVER_ERROR,
        /** Any other answer than 200: the request or the credentials are wrong; retrying alone will not help. */
        REFUSED,
        /** HTTP 200, but not a token response. */
        UNREADABLE
    }

    private final Failure failure;
    private final URI endpoint;
    private final int statusCode;
    private final String body;

    TokenEndpointException(Failure failure, URI endpoint, int statusCode, String body, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.endpoint = endpoint;
        this.statusCode = statusCode;
        this.body = body;
    }

    public Failure failure() {
        return failure;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** HTTP status of Keycloak's answer, 0 when there was none. */
    public int statusCode() {
        return statusCode;
    }

    /** Keycloak's answer as it came, e.g. {@code {"error":"invalid_client",...}}; empty when there was none. */
    public String body() {
        return body;
    }
}

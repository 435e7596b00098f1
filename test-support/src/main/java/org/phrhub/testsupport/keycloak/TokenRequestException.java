package org.phrhub.testsupport.keycloak;

/** Keycloak answered a token request with something other than a token. */
public final class TokenRequestException extends RuntimeException {

    private final int statusCode;
    private final String body;

    TokenRequestException(String request, int statusCode, String body) {
        super("Keycloak refused " + request + ": HTTP " + statusCode + " " + body);
        this.statusCode = statusCode;
        this.body = body;
    }

    /** HTTP status of Keycloak's answer, e.g. 401 for wrong credentials. */
    public int statusCode() {
        return statusCode;
    }

    /** Keycloak's answer as it came, e.g. {@code {"error":"invalid_grant",...}}. */
    public String body() {
        return body;
    }
}

/**
 * OAuth2 tokens from Keycloak on the Nimbus OAuth2 SDK: {@link org.phrhub.client.oauth.TokenEndpointClient}
 * sends one token request with timeouts, {@link org.phrhub.client.oauth.ClientCredentialsTokenSource}
 * keeps a machine client's token until shortly before it expires.
 */
package org.phrhub.client.oauth;

/**
 * How programs talk to the hub: {@link org.phrhub.client.oauth} fetches OAuth2 tokens from Keycloak,
 * {@link org.phrhub.client.fhir} makes HAPI FHIR clients that carry them, {@link org.phrhub.client.upload} zips SS-MIX2 storage for the import. Used by the device gateway,
 * the import command line and the tests.
 */
package org.phrhub.client;

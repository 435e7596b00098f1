/**
 * HAPI FHIR clients of the hub ({@link org.phrhub.client.fhir.FhirClients}): timeouts set, a bearer token
 * from {@link org.phrhub.client.oauth} on every request.
 */
package org.phrhub.client.fhir;

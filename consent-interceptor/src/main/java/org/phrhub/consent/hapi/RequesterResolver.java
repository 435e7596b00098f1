package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.phrhub.consent.requester.Requester;

/**
 * Tells the consent layer who made a request. The server that verifies tokens implements it, so this
 * library stays independent of how authentication is done.
 */
@FunctionalInterface
public interface RequesterResolver {

    /** The verified requester, or empty when the request carries no verified identity. */
    Optional<Requester> resolve(RequestDetails request);
}

package org.phrhub.fhirserver.admission;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.fhirserver.security.OperationOutcomeErrorResponses;
import org.phrhub.fhirserver.security.TokenRequesterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of the bulk writers' requests (device gateways, EHR importers) work at once on this node,
 * each kind in turn (fair), and answers 503 with Retry-After to one that waited {@link AdmissionProperties#maxWait()}
 * without its turn. Runs after the token is verified; requests of everyone else pass untouched.
 */
public class BulkWriterAdmission extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BulkWriterAdmission.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Map<HubRole, Semaphore> turns = new EnumMap<>(HubRole.class);
    private final Duration maxWait;
    private final OperationOutcomeErrorResponses errors;

    public BulkWriterAdmission(AdmissionProperties properties, OperationOutcomeErrorResponses errors) {
        turns.put(HubRole.DEVICE_GATEWAY, new Semaphore(properties.deviceGatewayConcurrency(), true));
        turns.put(HubRole.EHR_IMPORTER, new Semaphore(properties.ehrImporterConcurrency(), true));
        this.maxWait = properties.maxWait();
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Semaphore> turn = bulkWriter(SecurityContextHolder.getContext().getAuthentication()).map(turns::get);
        if (turn.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        boolean admitted;
        try {
            admitted = turn.get().tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            log.warn("A bulk writer's request waited {} s for its turn and was answered 503", maxWait.toSeconds());
            errors.busy(response, RETRY_AFTER, "The hub is working on as many uploads as it takes at once; nothing of"
                    + " this request was stored. Send it again in " + RETRY_AFTER.toSeconds() + " s.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turn.get().release();
        }
    }

    /** The bulk-writing role the request's token holds, if any. */
    private static Optional<HubRole> bulkWriter(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        Set<HubRole> roles = TokenRequesterResolver.rolesOf(token.getToken());
        if (roles.contains(HubRole.DEVICE_GATEWAY)) {
            return Optional.of(HubRole.DEVICE_GATEWAY);
        }
        return roles.contains(HubRole.EHR_IMPORTER) ? Optional.of(HubRole.EHR_IMPORTER) : Optional.empty();
    }

    /** Requests of this role that could start now (the tests read it). */
    public int availableTurns(HubRole role) {
        Semaphore turn = turns.get(role);
        return turn == null ? Integer.MAX_VALUE : turn.availablePermits();
    }

    /** Takes {@code count} turns of the role as if that many requests were at work (tests). */
    boolean occupy(HubRole role, int count) {
        return turns.get(role).tryAcquire(count);
    }

    void vacate(HubRole role, int count) {
        turns.get(role).release(count);
    }
}

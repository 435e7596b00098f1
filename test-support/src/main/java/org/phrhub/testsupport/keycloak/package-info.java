/**
 * Keycloak with the {@code phr-hub} realm for tests: {@link org.phrhub.testsupport.keycloak.TestKeycloak#instance()},
 * and tokens of the demo users and machine clients: {@link org.phrhub.testsupport.keycloak.HubTokens}.
 *
 * <p>With {@code PHRHUB_TEST_KEYCLOAK_URL} set (e.g. {@code http://localhost:8180}) tests use that running
 * Keycloak, which must already have the realm from {@code docker/keycloak/phr-hub-realm.json}; its admin API
 * needs {@code PHRHUB_TEST_KEYCLOAK_ADMIN_PASSWORD} (and {@code PHRHUB_TEST_KEYCLOAK_ADMIN_USERNAME} when the
 * admin is not {@code admin}).
 *
 * <p>Otherwise each test JVM starts its own Keycloak from the distribution zip that the Maven build downloads
 * (system property {@code phrhub.keycloak.zip}). The zip is unpacked once into the shared cache folder
 * {@code $PHRHUB_CACHE_DIR} (default {@code ~/.cache/phr-hub}) as {@code keycloak-<version>/}, which holds
 * the file {@code .unpacked} once complete; the demo uses the same folder. Each start gets its own
 * ports, in-memory database, import folder and bootstrap admin password.
 */
package org.phrhub.testsupport.keycloak;

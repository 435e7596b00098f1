# Stand-in for quay.io/keycloak/keycloak, built from the distribution zip on Maven Central (the build
# context holds it unpacked as keycloak-<version>/) on the Debian JRE of Dockerfile's `jre` target:
# the same layout (/opt/keycloak), user (uid 1000) and entrypoint (kc.sh) as the official image.
ARG JRE_IMAGE=phrhub-local/jre:21
FROM ${JRE_IMAGE}
ARG KEYCLOAK_VERSION=26.7.3
COPY keycloak-${KEYCLOAK_VERSION}/ /opt/keycloak/
RUN useradd --uid 1000 --gid 0 --home-dir /opt/keycloak --shell /bin/bash keycloak \
    && mkdir -p /opt/keycloak/data \
    && chmod +x /opt/keycloak/bin/*.sh \
    && chown -R 1000:0 /opt/keycloak
USER 1000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]

#!/bin/bash
# First start of an empty PostgreSQL (run by the image's entrypoint from /docker-entrypoint-initdb.d):
# one role and one database each for the FHIR server and for Keycloak, so neither can read the other's.
set -euo pipefail
for pair in "fhir:$FHIR_DB_PASSWORD" "keycloak:$KEYCLOAK_DB_PASSWORD"; do
  name=${pair%%:*}
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="${pair#*:}" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done

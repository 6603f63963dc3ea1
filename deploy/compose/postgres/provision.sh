#!/bin/sh
# Runs once, when a service's PostgreSQL container initialises its data directory
# (docker-entrypoint-initdb.d): the service's own login role and its own database owned by it, locked
# as npm start's provisioning locks it (tools/src/provision.ts provisionDatabase): CONNECT and
# TEMPORARY for that role alone, the public schema its own. POSTGRES_USER is the administrator, which
# no service is given.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v role="$SERVICE_ROLE" -v password="$SERVICE_PASSWORD" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"role" TO :"role";
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$SERVICE_ROLE" -v role="$SERVICE_ROLE" <<'SQL'
ALTER SCHEMA public OWNER TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

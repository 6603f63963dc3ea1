-- The replication-only role that reads a service's data product (analytics' CDC), as npm start
-- provisions it (tools/src/cdc.ts provisionCdcRole): LOGIN REPLICATION, CONNECT on the database, and
-- SELECT on exactly the tables of the publication the service's own migrations create. Run after
-- those migrations, as the administrator; psql variables: role, password, publication.
SELECT format('CREATE ROLE %I LOGIN REPLICATION', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'password';
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'role') \gexec
GRANT USAGE ON SCHEMA public TO :"role";
SELECT format('GRANT SELECT ON %I.%I TO %I', schemaname, tablename, :'role') FROM pg_publication_tables WHERE pubname = :'publication' \gexec

#!/bin/sh
# A read-only role for Grafana's PostgreSQL datasource (evaluations and alerts as tables). The
# services create their tables at start-up (Flyway), so the grants are default privileges.
set -e
psql -v ON_ERROR_STOP=1 -v reader_password="$GRAFANA_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
create role grafana_reader login password :'reader_password';
grant connect on database planwatch to grafana_reader;
create schema if not exists indicator authorization planwatch;
create schema if not exists alert authorization planwatch;
create schema if not exists ingest authorization planwatch;
grant usage on schema indicator, alert, ingest to grafana_reader;
alter default privileges for role planwatch in schema indicator, alert, ingest grant select on tables to grafana_reader;
SQL

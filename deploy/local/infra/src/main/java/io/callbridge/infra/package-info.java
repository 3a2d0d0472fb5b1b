/**
 * Real infrastructure for local runs and tests: a Kafka broker ({@link io.callbridge.infra.kafka.KafkaBroker})
 * and a PostgreSQL server ({@link io.callbridge.infra.postgres.Postgres}), each started as a child process that
 * dies with the JVM that started it, plus Quarkus test resources wiring them into {@code @QuarkusTest}s.
 */
package io.callbridge.infra;

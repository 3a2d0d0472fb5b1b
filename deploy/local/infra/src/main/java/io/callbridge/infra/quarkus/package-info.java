/**
 * Quarkus test resources that give {@code @QuarkusTest}s a real Kafka broker and PostgreSQL server. Use them with
 * {@code @QuarkusTestResource(KafkaTestResource.class)} and {@code @QuarkusTestResource(PostgresTestResource.class)}:
 * {@code restrictToAnnotatedClass} defaults to {@code false}, so one broker and one database serve every test class
 * of the module.
 */
package io.callbridge.infra.quarkus;

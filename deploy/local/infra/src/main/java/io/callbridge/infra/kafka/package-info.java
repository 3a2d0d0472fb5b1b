/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in a child JVM; see
 * {@link io.callbridge.infra.kafka.KafkaBroker}.
 */
package io.callbridge.infra.kafka;

package io.callbridge.infra.quarkus;

import io.callbridge.infra.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a {@link KafkaBroker} on a free port in a temporary directory and points the application at it through
 * {@code kafka.bootstrap.servers}, which Quarkus' Kafka client and SmallRye Reactive Messaging read (and which
 * turns Kafka Dev Services off).
 * <p>
 * Use as {@code @QuarkusTestResource(KafkaTestResource.class)}.
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    /** Instantiated by Quarkus. */
    public KafkaTestResource() {
    }

    /**
     * Starts the broker.
     *
     * @return {@code kafka.bootstrap.servers}
     */
    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start(KafkaBroker.Options.defaults());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}

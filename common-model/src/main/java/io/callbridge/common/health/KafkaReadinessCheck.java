package io.callbridge.common.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Map;

/** Ready only while the Kafka cluster answers: every service's data path goes through it. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    private static final String NAME = "kafka";

    private final String bootstrapServers;
    private final Duration timeout;
    private volatile Admin admin;

    public KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                               @ConfigProperty(name = "callbridge.health.kafka-timeout", defaultValue = "3s")
                               Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        return Uni.createFrom().completionStage(() -> admin().describeCluster(options).clusterId().toCompletionStage())
                .map(clusterId -> HealthCheckResponse.named(NAME).up()
                        .withData("bootstrap.servers", bootstrapServers).withData("cluster.id", clusterId).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("bootstrap.servers", bootstrapServers)
                        .withData("reason", String.valueOf(failure.getMessage())).build());
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check",
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000"));
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}

package io.callbridge.infra.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

class PostgresTestResourceTest {

    @Test
    void pointsTheDefaultDatasourceAtTheNamedDatabase() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATABASE_ARG, "orders"));
        Map<String, String> config = resource.start();
        try {
            String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
            assertTrue(jdbcUrl.matches("jdbc:postgresql://localhost:\\d+/orders"), jdbcUrl);
            assertEquals(jdbcUrl.substring("jdbc:".length()), config.get("quarkus.datasource.reactive.url"));
            try (Connection connection = DriverManager.getConnection(jdbcUrl,
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_database()")) {
                assertTrue(row.next());
                assertEquals("orders", row.getString(1));
            }
        } finally {
            resource.stop();
        }
    }

    @Test
    void stoppingWithoutStartingIsHarmless() {
        new PostgresTestResource().stop();
        new KafkaTestResource().stop();
    }
}

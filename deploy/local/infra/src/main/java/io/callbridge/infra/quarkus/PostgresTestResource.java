package io.callbridge.infra.quarkus;

import io.callbridge.infra.postgres.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts {@link Postgres} on a free port in a temporary directory, creates one database and points the application's
 * default datasource at it, reactive and JDBC (which turns the datasource's Dev Services off).
 * <p>
 * Use as {@code @QuarkusTestResource(PostgresTestResource.class)}; the database is {@value #DEFAULT_DATABASE} unless
 * given as an init argument: {@code initArgs = @ResourceArg(name = "database", value = "orders")}.
 */
public final class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Name of the init argument that names the database. */
    public static final String DATABASE_ARG = "database";
    /** The database created when no init argument names one. */
    public static final String DEFAULT_DATABASE = "callbridge";

    private String database = DEFAULT_DATABASE;
    private Postgres postgres;

    /** Instantiated by Quarkus. */
    public PostgresTestResource() {
    }

    /**
     * Reads the {@value #DATABASE_ARG} init argument.
     *
     * @param initArgs the annotation's init arguments
     */
    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    /**
     * Starts the server and creates the database.
     *
     * @return the reactive and JDBC URLs, username and password of the default datasource
     */
    @Override
    public Map<String, String> start() {
        postgres = Postgres.start(Postgres.Options.defaults());
        try {
            postgres.createDatabaseIfMissing(database);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    /** Stops the server and deletes its data. */
    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}

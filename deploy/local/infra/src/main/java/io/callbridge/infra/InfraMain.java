package io.callbridge.infra;

import io.callbridge.infra.kafka.KafkaBroker;
import io.callbridge.infra.postgres.Postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a Kafka broker and/or PostgreSQL for a script (the benchmarks), prints where they listen, and runs until
 * stopped. Usage: {@code InfraMain [kafka] [postgres=db1,db2] [pg.<setting>=<value>]...}, e.g.
 * {@code pg.shared_buffers=1GB} for PostgreSQL's {@code shared_buffers}. Prints {@code BOOTSTRAP <servers>}, then for
 * the first database {@code JDBC <url>}, {@code REACTIVE <url>}, {@code USER}, {@code PASSWORD}, and finally
 * {@code READY}.
 */
public final class InfraMain {

    private static final String POSTGRES_SETTING = "pg.";

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(InfraMain::closeQuietly)));
        Postgres.Options postgresOptions = Postgres.Options.defaults();
        for (String arg : args) {
            if (isPostgresSetting(arg)) {
                int equals = arg.indexOf('=');
                postgresOptions = postgresOptions.withSetting(arg.substring(POSTGRES_SETTING.length(), equals),
                        arg.substring(equals + 1));
            }
        }
        for (String arg : args) {
            if (isPostgresSetting(arg)) {
                continue;
            } else if (arg.equals("kafka")) {
                KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults());
                started.add(broker);
                System.out.println("BOOTSTRAP " + broker.bootstrapServers());
            } else if (arg.startsWith("postgres=")) {
                List<String> databases = Arrays.asList(arg.substring("postgres=".length()).split(","));
                Postgres postgres = Postgres.start(postgresOptions);
                started.add(postgres);
                databases.forEach(postgres::createDatabaseIfMissing);
                System.out.println("JDBC " + postgres.jdbcUrl(databases.get(0)));
                System.out.println("REACTIVE " + postgres.reactiveUrl(databases.get(0)));
                System.out.println("USER " + postgres.username());
                System.out.println("PASSWORD " + postgres.password());
            } else {
                throw new IllegalArgumentException(
                        "usage: InfraMain [kafka] [postgres=db1,db2] [pg.<setting>=<value>]..., not '" + arg + "'");
            }
        }
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static boolean isPostgresSetting(String arg) {
        return arg.startsWith(POSTGRES_SETTING) && arg.indexOf('=') > POSTGRES_SETTING.length();
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + part + ": " + e.getMessage());
        }
    }
}

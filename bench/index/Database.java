import io.callbridge.infra.postgres.Postgres;

/** Starts the real PostgreSQL of deploy/local/infra for the benchmark, with one database, until this JVM stops. */
public class Database {
    public static void main(String[] args) throws Exception {
        Postgres postgres = Postgres.start(Postgres.Options.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        postgres.createDatabaseIfMissing("recording_index");
        postgres.createDatabaseIfMissing("pgbench");
        System.out.println("JDBC " + postgres.jdbcUrl("recording_index"));
        System.out.println("REACTIVE " + postgres.reactiveUrl("recording_index"));
        System.out.flush();
        Thread.currentThread().join();
    }
}

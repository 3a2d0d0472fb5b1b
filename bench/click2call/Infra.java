import io.callbridge.infra.kafka.KafkaBroker;
import io.callbridge.infra.postgres.Postgres;

/** Starts the real Kafka broker and PostgreSQL of deploy/local/infra for the benchmark, until this JVM is stopped. */
public class Infra {
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults());
        Postgres postgres = Postgres.start(Postgres.Options.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            postgres.close();
        }));
        postgres.createDatabaseIfMissing("click2call");
        System.out.println("BOOTSTRAP " + broker.bootstrapServers());
        System.out.println("JDBC " + postgres.jdbcUrl("click2call"));
        System.out.println("REACTIVE " + postgres.reactiveUrl("click2call"));
        System.out.println("USER " + postgres.username());
        System.out.println("PASSWORD " + postgres.password());
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}

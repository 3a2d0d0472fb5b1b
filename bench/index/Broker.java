import io.callbridge.infra.kafka.KafkaBroker;

/** Starts the real Kafka broker of deploy/local/infra for the benchmark, until this JVM is stopped. */
public class Broker {
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("BOOTSTRAP " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}

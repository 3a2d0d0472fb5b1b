package io.callbridge.infra;

import io.callbridge.infra.kafka.KafkaBroker;
import io.callbridge.infra.postgres.Postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Run by {@link LifelineTest} in a JVM of its own: starts a broker and a database in the given directories, prints
 * their pids and {@value #READY}, then waits until its standard input closes. The test kills it with SIGKILL.
 */
public final class LifelineProbe {

    static final String READY = "ready";

    private LifelineProbe() {
    }

    public static void main(String[] args) throws IOException {
        KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults().withDataDirectory(Path.of(args[0])));
        Postgres postgres = Postgres.start(Postgres.Options.defaults().withDataDirectory(Path.of(args[1])));
        System.out.println("kafka=" + kafka.pid());
        System.out.println("postgres=" + postgres.pid());
        System.out.println(READY);
        System.out.flush();
        InputStream in = System.in;
        while (in.read() != -1) {
            // Only a closed pipe ends the wait, so a test that dies never leaves this JVM behind.
        }
        postgres.close();
        kafka.close();
    }
}

package io.callbridge.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./callbridge-local}: starts the whole suite on this machine and keeps it running until Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

    /** The local tenant's API key: a development key for this machine only, documented in the README. */
    static final String LOCAL_TENANT = "local";
    static final String LOCAL_KEY_SHA256 = "ed5a18fb8f807f996d649e379d3f35f39c543a91bdbf88c492f2ebd10d4df86c";

    private static final Map<String, String> DEFAULTS = defaults();

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            usage(System.out);
            return;
        }
        PrintStream console = System.out;
        Path root = Path.of(options.get("root")).toAbsolutePath().normalize();
        Path data = root.resolve(options.get("data-dir"));

        StandIns standIns = StandIns.start(Integer.parseInt(options.get("stand-in-port")), console);
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, Integer.parseInt(options.get(service.module() + "-port")));
        }
        LocalStackOptions stackOptions = new LocalStackOptions(root, data, data.resolve("logs"),
                Integer.parseInt(options.get("kafka-port")), Integer.parseInt(options.get("postgres-port")), ports,
                Map.of(LOCAL_TENANT, LOCAL_KEY_SHA256),
                options.getOrDefault("crm-url-template", standIns.crmUrlTemplate()),
                options.getOrDefault("pbx-url-template", standIns.pbxUrlTemplate()), options.get("default-region"),
                Map.of(), Duration.ofSeconds(Long.parseLong(options.get("ready-timeout"))));

        console.println("Starting Kafka, PostgreSQL and the four services ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(stackOptions);
        } catch (IllegalStateException e) {
            standIns.close();
            System.err.println("Callbridge did not start: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            console.println("Stopping Callbridge ...");
            stack.close();
            standIns.close();
            console.println("Stopped.");
            stopped.countDown();
        }, "callbridge-local-stop"));
        stack.firstExit().thenAccept(service -> {
            if (!stopping.get()) {
                System.err.println(service.module() + " exited on its own; see " + stack.log(service));
                System.exit(1);
            }
        });

        printReady(console, stack, stackOptions, standIns, root);
        stopped.await();
    }

    private static void printReady(PrintStream console, LocalStack stack, LocalStackOptions options,
                                   StandIns standIns, Path root) {
        console.printf(Locale.ROOT, "%nCallbridge is ready (%.1f s)%n", stack.startup().toMillis() / 1000.0);
        console.printf("  %-17s %s%n", "Kafka", stack.kafkaBootstrapServers());
        console.printf("  %-17s localhost:%d (user %s, data in %s)%n", "PostgreSQL", stack.postgres().port(),
                stack.postgres().username(), root.relativize(options.dataDirectory().resolve("postgres")));
        for (Service service : Service.values()) {
            console.printf("  %-17s %s   ready: %s/q/health/ready   log: %s%n", service.module(),
                    stack.serviceUri(service), stack.serviceUri(service), root.relativize(stack.log(service)));
        }
        console.printf("  %-17s http://localhost:%d (answers when no CRM or PBX template is given)%n",
                "stand-in CRM/PBX", standIns.port());
        console.printf("  tenant '%s', API key: local-dev-key%n", LOCAL_TENANT);
        console.println("Ctrl-C stops everything.");
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("help", "true");
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "' (see --help)");
            }
            String name = arg.substring(2, equals);
            if (!DEFAULTS.containsKey(name) && !name.endsWith("-template")) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
            options.put(name, arg.substring(equals + 1));
        }
        return options;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("root", ".");
        defaults.put("data-dir", ".callbridge");
        defaults.put("kafka-port", "19092");
        defaults.put("postgres-port", "15432");
        for (Service service : Service.values()) {
            defaults.put(service.module() + "-port", Integer.toString(service.defaultPort()));
        }
        defaults.put("stand-in-port", "8089");
        defaults.put("default-region", "IL");
        defaults.put("ready-timeout", "60");
        return defaults;
    }

    private static void usage(PrintStream out) {
        out.println("Usage: ./callbridge-local [--name=value ...]");
        DEFAULTS.forEach((name, value) -> out.printf("  --%-22s default %s%n", name, value));
        out.println("  --crm-url-template      the CRM URL crm-dispatch calls (Qute), default: the stand-in CRM");
        out.println("  --pbx-url-template      the PBX URL click2call calls (Qute), default: the stand-in PBX");
        out.println("  --skip-build            (script only) start what was built last");
    }
}

package io.callbridge.bench.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to run.
 *
 * @param target      base URI of the server, e.g. {@code http://localhost:8081}
 * @param requests    the JSON Lines file of request templates, used round robin
 * @param rate        requests per second on a fixed schedule; 0 for as fast as {@code connections} allow
 * @param duration    how long to measure
 * @param warmup      how long to run before measuring
 * @param connections HTTP/1.1 connections
 * @param headers     headers added to every request (e.g. Authorization)
 * @param label       the name printed with the figures
 */
record LoadOptions(URI target, Path requests, int rate, Duration duration, Duration warmup, int connections,
                   Map<String, String> headers, String label) {

    static final String USAGE = """
            Usage: java -jar loadgen.jar --target=http://localhost:8081 --requests=requests.jsonl [options]
              --rate=N          requests/s on a fixed schedule (latency counted from each intended start);
                                0 = as fast as the connections allow (closed loop)       default 1000
              --duration=30s    measured time                                               default 30s
              --warmup=5s       unmeasured time before it                                   default 5s
              --connections=N   HTTP/1.1 connections                                        default 64
              --header=N:V      a header for every request (repeatable)
              --label=NAME      printed with the figures                                    default load
            Each line of the requests file: {"method":"POST","path":"/v1/events","headers":{...},"body":...}
            with {{seq}}, {{uuid}} and {{now}} filled per request.""";

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "rate", "1000", "duration", "30s", "warmup", "5s", "connections", "64", "label", "load"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            String name = arg.substring(2, equals);
            String value = arg.substring(equals + 1);
            if (name.equals("header")) {
                int colon = value.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("--header wants Name:Value, got '" + value + "'");
                }
                headers.put(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
            } else {
                values.put(name, value);
            }
        }
        for (String required : new String[] {"target", "requests"}) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return new LoadOptions(URI.create(values.get("target")), Path.of(values.get("requests")),
                Integer.parseInt(values.get("rate")), duration(values.get("duration")),
                duration(values.get("warmup")), Integer.parseInt(values.get("connections")), Map.copyOf(headers),
                values.get("label"));
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("a duration such as 30s, 500ms or 2m: " + text);
        };
    }
}

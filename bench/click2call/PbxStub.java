import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's PBX stub and the front door of click2call, in one process and so on one clock.
 * <ul>
 *   <li>{@code relay} port: forwards every byte to click2call and notes when the request of agent {@code m<seq>} has
 *       arrived (the read that brought its body);</li>
 *   <li>PBX port: answers FixDigital's {@code {"success":true,"result":[]}} at once and notes when the originate for
 *       extension {@code m<seq>} arrived;</li>
 *   <li>{@code GET /report?from=A&until=B} on the PBX port: the overhead from the CRM request arriving to the PBX
 *       receiving its originate, for the requests A (inclusive) to B, as {@code PBX-RECEIVE p50 ... } lines.</li>
 * </ul>
 * Usage: {@code java PbxStub.java <pbx port> <relay port> <click2call port>}
 */
public class PbxStub {

    private static final Pattern AGENT_IN_BODY = Pattern.compile("\"agent\":\"m(\\d+)\"");
    private static final Pattern AGENT_IN_QUERY = Pattern.compile("sExt=m(\\d+)");
    private static final byte[] ACCEPTED = "{\"success\":true,\"result\":[]}".getBytes(StandardCharsets.UTF_8);

    private static final Map<Long, Long> ARRIVED = new ConcurrentHashMap<>();
    private static final Map<Long, Long> ORIGINATED = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int pbxPort = Integer.parseInt(args[0]);
        int relayPort = Integer.parseInt(args[1]);
        int servicePort = Integer.parseInt(args[2]);
        // The JDK server writes a response's headers and body as two segments; with Nagle's algorithm on, the body
        // waits for the ACK of the headers, which click2call's kernel delays by 40 ms (delayed ACK) on a kept-alive
        // connection: every dial's answer came ~44 ms late, the whole POST with it. A PBX answering at once sends both.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer pbx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), pbxPort), 512);
        // Answered on the server's own thread: the handler never blocks, and a hand-off to a pool would put one more
        // thread wake-up between the originate's arrival and its time stamp, counted against click2call.
        pbx.setExecutor(null);
        pbx.createContext("/dialer/sodialer.php", exchange -> {
            long now = System.nanoTime();
            Matcher agent = AGENT_IN_QUERY.matcher(exchange.getRequestURI().getRawQuery());
            if (agent.find()) {
                ORIGINATED.putIfAbsent(Long.parseLong(agent.group(1)), now);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ACCEPTED.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(ACCEPTED);
            }
        });
        pbx.createContext("/report", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            long from = Long.parseLong(query.replaceAll(".*from=(\\d+).*", "$1"));
            long until = Long.parseLong(query.replaceAll(".*until=(\\d+).*", "$1"));
            byte[] report = report(from, until).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, report.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(report);
            }
        });
        pbx.start();
        relay(relayPort, servicePort);
    }

    private static String report(long from, long until) {
        List<Long> overheads = new ArrayList<>();
        long arrivedNotOriginated = 0;
        Long first = null;
        // The requests over 5 ms by the tenth of a second they arrived in: spread thin (contention) or in bursts (a
        // pause, a stall of one part).
        Map<Long, Integer> slowByTenth = new java.util.TreeMap<>();
        for (long seq = from; seq < until; seq++) {
            Long arrived = ARRIVED.get(seq);
            Long originated = ORIGINATED.get(seq);
            if (arrived != null && first == null) {
                first = arrived;
            }
            if (arrived != null && originated != null) {
                overheads.add(originated - arrived);
                if (originated - arrived > 5_000_000L) {
                    slowByTenth.merge((arrived - first) / 100_000_000L, 1, Integer::sum);
                }
            } else if (arrived != null) {
                arrivedNotOriginated++;
            }
        }
        long[] sorted = overheads.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "PBX-RECEIVE none measured (" + arrivedNotOriginated + " arrived without an originate)\n";
        }
        StringBuilder bursts = new StringBuilder();
        slowByTenth.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(5)
                .forEach(tenth -> bursts.append(String.format(" %d at +%.1f s;", tenth.getValue(),
                        tenth.getKey() / 10.0)));
        int slow = slowByTenth.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("PBX-RECEIVE count %d, arrived without an originate %d, ms: p50 %.2f  p90 %.2f  "
                        + "p99 %.2f  p99.9 %.2f  max %.2f%n"
                        + "PBX-RECEIVE over 5 ms: %d, in %d tenths of a second of the run; the most in one:%s%n",
                sorted.length, arrivedNotOriginated,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999),
                sorted[sorted.length - 1] / 1e6, slow, slowByTenth.size(), bursts);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void relay(int relayPort, int servicePort) throws IOException {
        try (ServerSocket front = new ServerSocket(relayPort, 512, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket client = front.accept();
                client.setTcpNoDelay(true);
                Socket service = new Socket(InetAddress.getLoopbackAddress(), servicePort);
                service.setTcpNoDelay(true);
                start(() -> pump(client, service, true));
                start(() -> pump(service, client, false));
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump);
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(Socket from, Socket to, boolean requests) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (requests) {
                    long now = System.nanoTime();
                    Matcher agent = AGENT_IN_BODY.matcher(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    while (agent.find()) {
                        ARRIVED.putIfAbsent(Long.parseLong(agent.group(1)), now);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}

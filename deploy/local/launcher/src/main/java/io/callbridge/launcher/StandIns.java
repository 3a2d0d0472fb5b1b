package io.callbridge.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in CRM and PBX for trying the suite without either: it prints what it receives and answers as the
 * documents say ({@code {"success":true,"result":[]}}, FixDigital's answer, which a generic CRM accepts too).
 */
final class StandIns implements AutoCloseable {

    static final String CRM_PATH = "/crm/screen-pop";
    static final String PBX_PATH = "/dialer/sodialer.php";
    private static final byte[] SUCCESS = "{\"success\":true,\"result\":[]}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private StandIns(HttpServer server) {
        this.server = server;
    }

    static StandIns start(int port, PrintStream console) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(CRM_PATH, exchange -> answer(exchange, "CRM", console));
        server.createContext(PBX_PATH, exchange -> answer(exchange, "PBX", console));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "stand-ins");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new StandIns(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL template crm-dispatch fills in for every call event. */
    String crmUrlTemplate() {
        return "http://localhost:" + port() + CRM_PATH
                + "?kind={kind}&callId={callId}&number={parties.customer.raw}&ext={parties.extension}";
    }

    /** FixDigital's click-to-call URL of 004, aimed at this stand-in. */
    String pbxUrlTemplate() {
        return "http://localhost:" + port() + PBX_PATH + "?sExt={agent}&sNumber={number.raw}&ClientId={tenant}";
    }

    private static void answer(HttpExchange exchange, String role, PrintStream console) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            console.printf("[stand-in %s] %s %s%n", role, exchange.getRequestMethod(), exchange.getRequestURI());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, SUCCESS.length);
            exchange.getResponseBody().write(SUCCESS);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

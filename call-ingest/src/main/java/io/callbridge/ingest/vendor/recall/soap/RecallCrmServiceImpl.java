package io.callbridge.ingest.vendor.recall.soap;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.source.Sources;
import io.callbridge.ingest.vendor.VendorIngestion;
import io.callbridge.ingest.vendor.VendorRequest;
import io.callbridge.ingest.IngestConfig;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Recall's SOAP push as the same call details its URL and JSON pushes carry, through the same source
 * guard, adapter and publisher. CXF invokes the service on a worker thread, so waiting here for Kafka's
 * acknowledgement blocks no event loop; the reply must carry the outcome, hence the wait.
 */
@WebService(serviceName = "RecallCrmService", portName = "RecallCrmPort",
        endpointInterface = "io.callbridge.ingest.vendor.recall.soap.RecallCrmService",
        targetNamespace = RecallCrmService.NAMESPACE)
public class RecallCrmServiceImpl implements RecallCrmService {

    @Resource
    WebServiceContext context;

    private final Sources sources;
    private final VendorIngestion ingestion;
    private final IngestConfig config;

    public RecallCrmServiceImpl(Sources sources, VendorIngestion ingestion, IngestConfig config) {
        this.sources = sources;
        this.ingestion = ingestion;
        this.config = config;
    }

    @Override
    public List<String> callRecorded(String extension, String phoneNumber, String callDateTime,
                                     String durationSeconds, String recordingFile, String deletionProtected) {
        MessageContext message = context.getMessageContext();
        Map<String, String> query = query((String) message.get(MessageContext.QUERY_STRING));
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "sExtension", extension);
        put(fields, "sPhoneNumber", phoneNumber);
        put(fields, "dtCallDateTime", callDateTime);
        put(fields, "iDuration", durationSeconds);
        put(fields, "sRecFile", recordingFile);
        put(fields, "bDeletionProtected", deletionProtected);
        try {
            String name = query.get("source");
            if (name == null) {
                throw ProblemException.badRequest("source", "the service URL must name the source (?source=...)");
            }
            SourceContext source = sources.named(name);
            String token = query.get(source.config().auth().tokenParameter());
            if (token != null) {
                fields.put(source.config().auth().tokenParameter(), token);
            }
            HttpServletRequest http = (HttpServletRequest) message.get(MessageContext.SERVLET_REQUEST);
            Response answer = ingestion.ingest(source, new VendorRequest(fields, Instant.now()), http.getRemoteAddr(),
                            http::getHeader)
                    .await().atMost(config.publishTimeout().plus(Duration.ofSeconds(1)));
            @SuppressWarnings("unchecked")
            Map<String, List<io.callbridge.ingest.api.AcceptedEvent>> body =
                    (Map<String, List<io.callbridge.ingest.api.AcceptedEvent>>) answer.getEntity();
            return body.get("accepted").stream().map(e -> e.eventId().toString()).toList();
        } catch (ProblemException e) {
            throw RecallCrmFaults.of(e.problem());
        } catch (jakarta.validation.ConstraintViolationException e) {
            throw RecallCrmFaults.of(new io.callbridge.common.problem.Problem("about:blank", "Bad Request", 400,
                    e.getMessage(), List.of()));
        }
    }

    private static void put(Map<String, String> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }

    private static Map<String, String> query(String queryString) {
        Map<String, String> values = new LinkedHashMap<>();
        if (queryString == null) {
            return values;
        }
        for (String pair : queryString.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}

package io.callbridge.index.facade.recall;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.Map;

/**
 * {@code RetrieveRecFile} over SOAP, at {@code /soap/Recording.asmx}, publishing the committed WSDL. A request the
 * caller must fix is a {@code Client} fault whose string names the parameter (and whose detail carries it).
 */
@WebService(serviceName = "Recording", portName = "RecordingSoap",
        endpointInterface = "io.callbridge.index.facade.recall.RecallRecordingService",
        targetNamespace = RecallRecordingService.NAMESPACE, wsdlLocation = "wsdl/RecallRecording.wsdl")
public class RecallRecordingServiceImpl implements RecallRecordingService {

    @Resource
    WebServiceContext context;

    private final TenantAuthenticator authenticator;
    private final RecallLookup lookup;

    public RecallRecordingServiceImpl(TenantAuthenticator authenticator, RecallLookup lookup) {
        this.authenticator = authenticator;
        this.lookup = lookup;
    }

    @Override
    public String retrieveRecFile(String extension, String callDateTime, String phoneNumber, Boolean protect) {
        try {
            TenantId tenant = authenticator.authenticate(authorization());
            // CXF calls this on a worker thread; the lookup is reactive (Hibernate Reactive needs a Vert.x
            // context), so it runs on a duplicated context and this thread waits for its answer.
            return VertxContextSupport.subscribeAndAwait(() -> lookup.retrieveRecFile(tenant, extension,
                    callDateTime, phoneNumber, Boolean.TRUE.equals(protect)));
        } catch (ProblemException e) {
            throw fault(e.problem());
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("RetrieveRecFile failed", e);
        }
    }

    private String authorization() {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers =
                (Map<String, List<String>>) context.getMessageContext().get(MessageContext.HTTP_REQUEST_HEADERS);
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(header -> "Authorization".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst().orElse(null);
    }

    private static SOAPFaultException fault(Problem problem) {
        try {
            SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createFault(problem.detail(),
                    new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, problem.status() < 500 ? "Client" : "Server"));
            Detail detail = fault.addDetail();
            var problemElement = detail.addDetailEntry(new QName(RecallRecordingService.NAMESPACE, "problem"));
            problemElement.addChildElement("status").addTextNode(Integer.toString(problem.status()));
            if (problem.errors() != null && !problem.errors().isEmpty()) {
                problemElement.addChildElement("field").addTextNode(problem.errors().get(0).field());
            }
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("a SOAP fault can always be built", e);
        }
    }
}

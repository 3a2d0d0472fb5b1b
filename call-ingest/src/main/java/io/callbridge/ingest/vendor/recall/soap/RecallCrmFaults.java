package io.callbridge.ingest.vendor.recall.soap;

import io.callbridge.common.problem.Problem;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;

import javax.xml.namespace.QName;

/**
 * A refused push as a SOAP fault: {@code Client} for what the sender must fix, {@code Server} when Kafka did not
 * acknowledge (retry); the fault string is the problem's detail naming the field, and the detail carries the
 * status the REST routes would have answered and the field.
 */
final class RecallCrmFaults {

    private RecallCrmFaults() {
    }

    static SOAPFaultException of(Problem problem) {
        try {
            SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createFault(problem.detail(),
                    new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, problem.status() < 500 ? "Client" : "Server"));
            Detail detail = fault.addDetail();
            var problemElement = detail.addDetailEntry(new QName(RecallCrmService.NAMESPACE, "problem"));
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

package io.callbridge.ingest.vendor.recall.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

import java.util.List;

/**
 * The CRM web service Recall pushes a call's details to after each call (000, "Integration by CRM Web
 * service", SOAP). Its WSDL is published at {@code /soap/recall?wsdl}; Recall's configured URL names the source
 * ({@code /soap/recall?source=<name>}) and may carry the token ({@code &token=...}).
 */
@WebService(name = "RecallCrmService", targetNamespace = RecallCrmService.NAMESPACE)
public interface RecallCrmService {

    String NAMESPACE = "urn:callbridge:recall:crm";

    /**
     * One recorded call's details, named as Recall's own web service names them. The duration and the flag are
     * typed as text, as Recall's JSONP form sends them: a value that is no number or no boolean is then a fault
     * naming its element (400 in the detail) rather than an anonymous unmarshalling error or, for a boolean, a
     * silent {@code false}. A client generated from an {@code xs:int} contract sends the same XML.
     *
     * @return the ids of the events the call produced, once Kafka acknowledged them all
     */
    @WebMethod(operationName = "CallRecorded")
    @WebResult(name = "eventId")
    List<String> callRecorded(
            @WebParam(name = "sExtension") String extension,
            @WebParam(name = "sPhoneNumber") String phoneNumber,
            @WebParam(name = "dtCallDateTime") String callDateTime,
            @WebParam(name = "iDuration") String durationSeconds,
            @WebParam(name = "sRecFile") String recordingFile,
            @WebParam(name = "bDeletionProtected") String deletionProtected);
}

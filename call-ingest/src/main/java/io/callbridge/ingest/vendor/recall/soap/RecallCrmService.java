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
     * One recorded call's details, named as Recall's own web service names them.
     *
     * @return the ids of the events the call produced, once Kafka acknowledged them all
     */
    @WebMethod(operationName = "CallRecorded")
    @WebResult(name = "eventId")
    List<String> callRecorded(
            @WebParam(name = "sExtension") String extension,
            @WebParam(name = "sPhoneNumber") String phoneNumber,
            @WebParam(name = "dtCallDateTime") String callDateTime,
            @WebParam(name = "iDuration") Integer durationSeconds,
            @WebParam(name = "sRecFile") String recordingFile,
            @WebParam(name = "bDeletionProtected") Boolean deletionProtected);
}

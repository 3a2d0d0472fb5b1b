package io.callbridge.index.facade.recall;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.RequestWrapper;
import jakarta.xml.ws.ResponseWrapper;

/**
 * Recall's (Jusan) recording lookup web service over SOAP, as the committed {@code wsdl/RecallRecording.wsdl}
 * describes it: the ASP.NET web service conventions ({@code http://tempuri.org/}, document/literal, qualified
 * elements, {@code <Method>Result}), with the parameters of 000.
 */
@WebService(name = "RecordingSoap", targetNamespace = RecallRecordingService.NAMESPACE)
public interface RecallRecordingService {

    String NAMESPACE = "http://tempuri.org/";

    /**
     * @param extension      the agent's extension ({@code sExtension})
     * @param callDateTime   {@code yyyy-MM-dd HH:mm:ss} in the PBX's zone ({@code dtCallDateTime})
     * @param phoneNumber    the other party's number, optional ({@code sPhoneNumber})
     * @param protect        true: keep the recording found from retention ({@code bDeletionProtected})
     * @return the recording's full path, or an empty string
     */
    @WebMethod(operationName = "RetrieveRecFile", action = NAMESPACE + "RetrieveRecFile")
    @WebResult(name = "RetrieveRecFileResult", targetNamespace = NAMESPACE)
    @RequestWrapper(localName = "RetrieveRecFile", targetNamespace = NAMESPACE,
            className = "io.callbridge.index.facade.recall.RetrieveRecFileRequest")
    @ResponseWrapper(localName = "RetrieveRecFileResponse", targetNamespace = NAMESPACE,
            className = "io.callbridge.index.facade.recall.RetrieveRecFileResponse")
    String retrieveRecFile(
            @WebParam(name = "sExtension", targetNamespace = NAMESPACE) String extension,
            @WebParam(name = "dtCallDateTime", targetNamespace = NAMESPACE) String callDateTime,
            @WebParam(name = "sPhoneNumber", targetNamespace = NAMESPACE) String phoneNumber,
            @WebParam(name = "bDeletionProtected", targetNamespace = NAMESPACE) Boolean protect);
}

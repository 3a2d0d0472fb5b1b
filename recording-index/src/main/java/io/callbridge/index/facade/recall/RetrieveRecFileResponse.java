package io.callbridge.index.facade.recall;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** The {@code RetrieveRecFileResponse} element of the WSDL. */
@XmlRootElement(name = "RetrieveRecFileResponse", namespace = RecallRecordingService.NAMESPACE)
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "", propOrder = {"retrieveRecFileResult"})
public class RetrieveRecFileResponse {

    @XmlElement(name = "RetrieveRecFileResult", namespace = RecallRecordingService.NAMESPACE)
    public String retrieveRecFileResult;
}

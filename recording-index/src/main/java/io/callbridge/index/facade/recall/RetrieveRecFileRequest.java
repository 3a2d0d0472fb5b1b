package io.callbridge.index.facade.recall;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** The {@code RetrieveRecFile} element of the WSDL. */
@XmlRootElement(name = "RetrieveRecFile", namespace = RecallRecordingService.NAMESPACE)
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "", propOrder = {"sExtension", "dtCallDateTime", "sPhoneNumber", "bDeletionProtected"})
public class RetrieveRecFileRequest {

    @XmlElement(namespace = RecallRecordingService.NAMESPACE)
    public String sExtension;
    @XmlElement(namespace = RecallRecordingService.NAMESPACE)
    public String dtCallDateTime;
    @XmlElement(namespace = RecallRecordingService.NAMESPACE)
    public String sPhoneNumber;
    @XmlElement(namespace = RecallRecordingService.NAMESPACE)
    public Boolean bDeletionProtected;
}

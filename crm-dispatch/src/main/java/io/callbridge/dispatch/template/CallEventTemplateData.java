package io.callbridge.dispatch.template;

import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Recording;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.quarkus.qute.TemplateData;

/**
 * Has Quarkus generate reflection-free Qute value resolvers for the call event and its parts (properties only: a
 * template cannot call {@code withEventId}). They also take precedence over Qute's built-in {@code raw} property
 * (unescaped output), which would otherwise shadow {@code raw.<name>} and {@code parties.customer.raw}.
 */
@TemplateData(target = CallEvent.class, properties = true)
@TemplateData(target = TenantId.class, properties = true)
@TemplateData(target = CallSource.class, properties = true)
@TemplateData(target = SourceSystem.class, properties = true)
@TemplateData(target = CallTimes.class, properties = true)
@TemplateData(target = CallParties.class, properties = true)
@TemplateData(target = PhoneNumber.class, properties = true)
@TemplateData(target = CallDetails.class, properties = true)
@TemplateData(target = CallDurations.class, properties = true)
@TemplateData(target = CallContext.class, properties = true)
@TemplateData(target = Recording.class, properties = true)
final class CallEventTemplateData {

    private CallEventTemplateData() {
    }
}

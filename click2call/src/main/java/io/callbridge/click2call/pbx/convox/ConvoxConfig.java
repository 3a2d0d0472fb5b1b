package io.callbridge.click2call.pbx.convox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** The ConVox CCS servers of the tenants that dial through ConVox (document 001). */
@ConfigMapping(prefix = "callbridge.click2call.convox")
public interface ConvoxConfig {

    /** How long a ConVox server may take to answer; after that the dial counts as failed and is not repeated. */
    @WithDefault("10s")
    Duration timeout();

    /** Each ConVox tenant's server, by tenant id. */
    Map<String, Server> tenants();

    /** One tenant's ConVox server. */
    interface Server {

        /**
         * The click-to-call URL ConVox provides for the tenant ("an URL will be provided"), as a Qute template with
         * the values of {@code callbridge.click2call.pbx.url-template}, e.g.
         * {@code http://10.0.0.5/ConVoxCCS/Agent/click2call.php?agent_id={agent}&mobile_number={number.digits}}.
         * Every value is URL-encoded.
         */
        String clickToCallUrl();

        /**
         * The server's end call / disposition API, {@code http://<SERVERIP>/ConVoxCCS/Agent/callcontrol_api.php};
         * unset: dispositions of the tenant are not forwarded (409).
         */
        Optional<String> callcontrolUrl();

        /** The zone of the server's clock: ConVox's {@code callback_date}/{@code callback_hrs}/{@code callback_mins} are local to it. */
        @WithDefault("UTC")
        ZoneId zone();
    }
}

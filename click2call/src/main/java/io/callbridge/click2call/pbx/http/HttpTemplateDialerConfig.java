package io.callbridge.click2call.pbx.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** A PBX whose click-to-call API is one HTTP request built from a URL template (FixDigital, ConVox and the like). */
@ConfigMapping(prefix = "callbridge.click2call.pbx")
public interface HttpTemplateDialerConfig {

    /**
     * The click-to-call URL as a Qute template, e.g.
     * {@code http://pbx:6560/dialer/sodialer.php?sExt={agent}&sNumber={number.raw}&ClientId={tenant}}.
     * Values: {@code {agent}}, {@code {number.raw}} (as the CRM sent it), {@code {number.e164}} ({@code +97233004799}),
     * {@code {number.digits}} (the CRM's number with everything but digits removed), {@code {tenant}},
     * {@code {requestId}}, {@code {callerId}}. Every value is URL-encoded; a value the request lacks renders empty.
     */
    String urlTemplate();

    /** GET sends the rendered URL as is; POST sends its query string as an {@code application/x-www-form-urlencoded} body. */
    @WithDefault("GET")
    Method method();

    /** How long the PBX may take to answer; after that the dial counts as failed and is not repeated. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * A regular expression the PBX's answer body must contain for the dial to count as accepted, on top of a 2xx
     * status, e.g. {@code "success"\s*:\s*true} for FixDigital's {@code {"success":true,"result":[]}}. Unset: any 2xx.
     */
    Optional<Pattern> successBodyPattern();

    /**
     * How many connections to one PBX host are kept open and used at once; a dial waits for a free one beyond that.
     * Vert.x's default of 5 queues dials behind one another as soon as the PBX takes a few milliseconds.
     */
    @WithDefault("64")
    int maxConnections();

    /** The HTTP methods a click-to-call URL is sent with. */
    enum Method {
        GET,
        POST
    }
}

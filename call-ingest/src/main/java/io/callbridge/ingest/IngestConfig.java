package io.callbridge.ingest;

import io.callbridge.common.event.SourceSystem;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How call-ingest reads and publishes events, and the sources (PBXs, call centers, recorders) that send them. */
@ConfigMapping(prefix = "callbridge.ingest")
public interface IngestConfig {

    /**
     * ISO 3166 region in which numbers without a country code are read (a PBX in Israel sends {@code 033004799}).
     */
    String defaultRegion();

    /**
     * How long a request waits for Kafka to acknowledge its event before it is answered 503: the client retries,
     * and the event's deterministic id makes the retry harmless if the first write lands after all.
     */
    Duration publishTimeout();

    /** Seconds a client is told to wait ({@code Retry-After}) when Kafka did not acknowledge in time. */
    int retryAfter();

    /** The most events one {@code POST /v1/events/batch} may carry. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * The configured sources, by name: the name is the path segment of {@code /v1/sources/{source}/events} and
     * the source instance of every event the source produces.
     */
    Map<String, Source> sources();

    /** One installation of a vendor system that sends its notifications to call-ingest. */
    interface Source {

        /** The tenant that owns the source's calls. */
        String tenant();

        /** The kind of system (convox, call-center-studio, uis, fixdigital, recall): picks the adapter. */
        SourceSystem vendor();

        /**
         * The zone of the vendor's local times ({@code yyyy-MM-dd HH:mm:ss}, CALL_DATE + CALL_HOUR +
         * CALL_MINUTE, UIS {@code start_time}), which carry no zone of their own.
         */
        @WithDefault("UTC")
        ZoneId timeZone();

        /** ISO 3166 region for the source's numbers without a country code; the service's default when absent. */
        Optional<String> defaultRegion();

        /** The credentials the source presents; none when the source is trusted by its address alone. */
        Auth auth();

        /**
         * The networks (CIDR, e.g. {@code 199.203.227.0/24}, {@code 10.1.2.3/32}, IPv6 too) requests may come from;
         * absent means any address.
         */
        Optional<List<String>> allowedNetworks();

        /**
         * Vendor field names by canonical role, for vendors whose field names the user templates (UIS) or the
         * document leaves open (Call Center Studio): e.g. {@code fields.call-id=call_session_id}. Roles not
         * given keep the adapter's defaults (call-ingest/README.md lists them).
         */
        Map<String, String> fields();

        /** FixDigital: the {@code ClientId} this source's callbacks carry; how {@code /webservice.php} finds it. */
        Optional<String> clientId();

        /**
         * FixDigital: callbacks carry neither call id nor time, so calls of one extension and number are told
         * apart by this window of arrival time (see NOTES.md); a repeat within it is the same event.
         */
        @WithDefault("PT10M")
        Duration callWindow();

        /** The vendor API that completes the source's notifications (Call Center Studio, UIS Data API). */
        Enrichment enrichment();

        /** Recall: the per-extension text files this source writes. */
        TextFiles textFiles();
    }

    /**
     * Recall's per-extension text files (000): one file per extension, rewritten at the start of a call and again
     * at its end with the duration, each holding the extension's last call only.
     */
    interface TextFiles {

        /** The directory Recall writes the files into; absent, no directory is watched for this source. */
        Optional<java.nio.file.Path> directory();

        /**
         * The columns of a line, in order, named as the URL push names them: {@code agent} (extension),
         * {@code number}, {@code date & time}, {@code duration}, {@code audiofile}; other names are kept in raw.
         */
        @WithDefault("agent,number,date & time,audiofile,duration")
        List<String> columns();

        /** {@code comma}, {@code tab}, or {@code auto} (tab when the line has one, comma otherwise). */
        @WithDefault("auto")
        String separator();

        /** How often the directory is looked at. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    /**
     * Credentials of a source, as hashes only. A token may come in a header or a query parameter; basic
     * authentication checks the user name and the password's hash. When both a token and a user are configured,
     * either one is accepted.
     */
    interface Auth {

        /** Lower-case hex SHA-256 of each token the source may present ({@code printf %s TOKEN | sha256sum}). */
        Optional<List<String>> tokenSha256();

        /** The header carrying the token. */
        @WithDefault("X-Callbridge-Token")
        String tokenHeader();

        /**
         * The query parameter carrying the token, for vendors that can only configure a URL (it is removed from
         * the event's raw fields).
         */
        @WithDefault("token")
        String tokenParameter();

        /** The user name of HTTP basic authentication. */
        Optional<String> username();

        /** Lower-case hex SHA-256 of the basic-authentication password(s). */
        Optional<List<String>> passwordSha256();
    }

    /** A vendor API asked for what a notification lacks. Absent base URL: no enrichment. */
    interface Enrichment {

        /** Base URL of the vendor API (UIS Data API endpoint, Call Center Studio public API). */
        Optional<URI> baseUrl();

        /**
         * Name of the configuration property (or environment variable) holding the API's access token (UIS) or
         * app token (Call Center Studio): a reference, so no secret is written in committed configuration.
         */
        Optional<String> tokenRef();

        /** Call Center Studio: the user the enrichment logs in as. */
        Optional<String> username();

        /** Call Center Studio: name of the property holding that user's password. */
        Optional<String> passwordRef();

        /** Call Center Studio: how long a session is kept before logging in again (the document says 8-12 h). */
        @WithDefault("PT8H")
        Duration sessionLifetime();

        /** How long one call to the vendor API may take. */
        @WithDefault("3s")
        Duration timeout();

        /** How many times a failed call to the vendor API is retried before the event goes out unenriched. */
        @WithDefault("2")
        int retries();

        /**
         * UIS: template of a recording's location, with {@code {call_session_id}} and {@code {record}}; absent, the
         * record id of {@code call_records} is the location.
         */
        Optional<String> recordingUrl();
    }
}

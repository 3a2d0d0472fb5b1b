package io.callbridge.index.facade.recall;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.locale.TenantLocales;
import io.callbridge.index.metrics.LookupMetrics;
import io.callbridge.index.search.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** {@code RetrieveRecFile}'s parameters read and answered, the same for JSON, JSONP and SOAP. */
@ApplicationScoped
public class RecallLookup {

    private static final int MAX_TEXT = 64;

    private final TenantLocales locales;
    private final RecordingMatcher matcher;
    private final LookupMetrics metrics;

    public RecallLookup(TenantLocales locales, RecordingMatcher matcher, LookupMetrics metrics) {
        this.locales = locales;
        this.matcher = matcher;
        this.metrics = metrics;
    }

    /**
     * @return the full path of the recording, or an empty string when none matches
     * @throws ProblemException 400 naming the parameter at fault
     */
    public Uni<String> retrieveRecFile(TenantId tenant, String sExtension, String dtCallDateTime, String sPhoneNumber,
                                       boolean bDeletionProtected) {
        String extension = required("sExtension", Parameters.text("sExtension", unquoted(sExtension), MAX_TEXT));
        Instant at = required("dtCallDateTime",
                Parameters.vendorTime("dtCallDateTime", unquoted(dtCallDateTime), locales.zoneOf(tenant)));
        String phone = Parameters.text("sPhoneNumber", unquoted(sPhoneNumber), MAX_TEXT);
        String customer = phone == null ? null : locales.matchKeyOf(tenant, phone);
        Uni<Optional<String>> found = metrics.timed(LookupMetrics.RETRIEVE_REC_FILE, () -> bDeletionProtected
                ? matcher.findAndProtect(tenant, extension, at, customer)
                : matcher.find(tenant, extension, at, customer));
        return found.map(location -> location.orElse(""));
    }

    /** ASP.NET JSON services take string arguments JSON-quoted, as the sample's {@code "2011-10-10 18:52:00"}. */
    static String unquoted(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value;
    }
}

package io.callbridge.index.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * What the purge would do for a tenant now.
 *
 * @param tenant            the tenant
 * @param retention         its retention; null when it keeps everything
 * @param cutoff            calls before this time are due; null when it keeps everything
 * @param dryRun            whether its purge only reports
 * @param callsDue          calls the purge would delete
 * @param recordingsDue     their recordings
 * @param protectedCallsKept calls past the cutoff kept because a recording is deletion-protected
 */
public record RetentionReport(String tenant, Duration retention, Instant cutoff, boolean dryRun, long callsDue,
                              long recordingsDue, long protectedCallsKept) {
}

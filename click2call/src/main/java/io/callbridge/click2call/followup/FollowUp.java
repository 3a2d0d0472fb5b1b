package io.callbridge.click2call.followup;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A callback a CRM asked for: the agent calls the number back at the due time. */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    /** Where a follow-up stands. */
    public enum Status {
        /** Waiting for its time. */
        PENDING,
        /** A replica took it and is placing it. */
        CLAIMED,
        /** The call was asked of the PBX; {@link #requestId} is its dial request. */
        PLACED,
        /** The call could not be placed; {@link #reason} says why. */
        FAILED
    }

    @Id
    public UUID id;
    public String tenant;
    public String agent;
    public String numberRaw;
    public String convoxId;
    public String disposition;
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String claimedBy;
    public Instant claimedAt;
    public UUID requestId;
    public String reason;
    public Instant createdAt;
}

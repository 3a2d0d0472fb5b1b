package io.callbridge.dispatch.outbox;

/** Where a delivery stands. */
public enum DeliveryState {
    /** Due now or later, or being attempted. */
    PENDING,
    /** The CRM took it. */
    DELIVERED,
    /** Every attempt of the endpoint's schedule failed. */
    DEAD
}

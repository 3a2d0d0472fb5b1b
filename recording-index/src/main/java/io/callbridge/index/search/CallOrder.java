package io.callbridge.index.search;

/** The order of a page of calls, by time, ties broken by call id so that the order is total and stable. */
public enum CallOrder {
    NEWEST_FIRST("DESC", "<"),
    OLDEST_FIRST("ASC", ">");

    private final String direction;
    private final String after;

    CallOrder(String direction, String after) {
        this.direction = direction;
        this.after = after;
    }

    String orderBy() {
        return "c.call_time " + direction + ", c.call_id " + direction;
    }

    /** The condition of the rows that come after the position in this order. */
    String after(String time, String callId) {
        return "(c.call_time, c.call_id) " + after + " (" + time + ", " + callId + ")";
    }
}

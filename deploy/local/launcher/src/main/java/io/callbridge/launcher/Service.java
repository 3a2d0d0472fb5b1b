package io.callbridge.launcher;

/** The four services of the suite, with their local ports and whether they own a database. */
public enum Service {
    CALL_INGEST("call-ingest", 8081, null),
    RECORDING_INDEX("recording-index", 8082, "recording_index"),
    CRM_DISPATCH("crm-dispatch", 8083, "crm_dispatch"),
    CLICK2CALL("click2call", 8084, "click2call");

    private final String module;
    private final int defaultPort;
    private final String database;

    Service(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    /** The Maven module, also the name in logs and on the console. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The database the service owns, or null. */
    public String database() {
        return database;
    }
}

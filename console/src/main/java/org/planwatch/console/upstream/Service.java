package org.planwatch.console.upstream;

/** The services the console reads and writes through. */
public enum Service {
    INGEST("ingest-service"), INDICATOR("indicator-service"), ALERT("alert-service");

    public final String label;

    Service(String label) {
        this.label = label;
    }
}

package org.planwatch.platform.inbox;

import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Tells a database that cannot be reached (restarting, connection lost, pool unable to connect)
 * from a message it cannot store. A consumer must wait out the first and retry: dead-lettering
 * the batch would commit its offsets and lose every event in it.
 */
public final class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

    private DatabaseOutage() {
    }

    /**
     * True when a {@link SQLException} in the cause chain has SQLSTATE class 08 (connection
     * exception) or 57P (the server shutting down or starting up), or is the pool's acquisition
     * timeout (which has none).
     */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code work}, and again after {@code pause} for as long as it fails because the
     * database cannot be reached; any other failure is thrown at once.
     */
    public static void retryWhileUnavailable(Runnable work, Duration pause) {
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!causedBy(e)) {
                    throw e;
                }
                LOG.warnf("The database cannot be reached (%s); retrying in %d ms", e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}

package org.planwatch.console.web;

/** A page that cannot be shown to this user or for this request: the error page says why. */
public class ConsoleException extends RuntimeException {

    public final int status;

    public ConsoleException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ConsoleException forbidden(String message) {
        return new ConsoleException(403, message);
    }
}

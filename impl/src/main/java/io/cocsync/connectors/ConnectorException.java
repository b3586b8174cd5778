package io.cocsync.connectors;

/**
 * A vendor could not be read. The message is shown to users as the account's failure_msg, so
 * it says what went wrong in plain words and never carries credentials.
 */
public class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.cocsync.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A query in plain JDBC on a JDBI handle's connection (inside its transaction, if any), for the
 * few reads that nearly every API request makes: for them, JDBI's set-up of each statement
 * (copies of its configuration, a lookup of every argument's type) cost more than the database's
 * execution did. Failures are thrown as JDBI's, like those of every other statement.
 */
public final class DirectQuery {

    /** Reads one row, by column position. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private DirectQuery() {}

    /** Every row of {@code sql}, whose {@code ?} take {@code parameters} in order. */
    public static <T> List<T> list(Handle handle, String sql, List<?> parameters, RowReader<T> reader) {
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}

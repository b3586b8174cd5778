package io.cocsync.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Statements in plain JDBC on a JDBI handle's connection (inside its transaction, if any), for
 * the hottest ones: the reads nearly every API request makes, and the writes of every page a
 * sync stores. For them, JDBI's set-up of each statement and each bound value (copies of its
 * configuration, a lookup of every argument's type) cost more than the database's execution did.
 * Failures are thrown as JDBI's, like those of every other statement. A null is bound as text:
 * the only values these statements leave out are text columns.
 */
public final class DirectJdbc {

    /** Reads one row, by column position. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private DirectJdbc() {}

    /** Every row of {@code sql}, whose {@code ?} take {@code parameters} in order. */
    public static <T> List<T> query(Handle handle, String sql, List<?> parameters, RowReader<T> reader) {
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
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

    /** Runs one statement, whose {@code ?} take {@code parameters} in order; the count of rows it changed. */
    public static int update(Handle handle, String sql, List<?> parameters) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * Runs {@code sql} once per entry of {@code rows}, in one batch, and returns the count of rows
     * each run changed; nothing for no rows.
     */
    public static int[] batch(Handle handle, String sql, List<? extends List<?>> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            for (List<?> row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}

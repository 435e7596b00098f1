package org.phrhub.fhirserver.bulkstore;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

/** Inserts the rows of one table as JDBC batches, one statement for all of them. */
final class TableInserts {

    private TableInserts() {}

    static <T> void insert(Connection connection, HapiTables.Table<T> table, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(table.insertStatement())) {
            for (T row : rows) {
                int index = 1;
                for (HapiTables.Column<T> column : table.columns()) {
                    bind(statement, index++, column.sqlType(), column.value().apply(row));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, int index, int sqlType, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, sqlType);
            case Date date -> statement.setTimestamp(index, new Timestamp(date.getTime()));
            case LocalDate date -> statement.setObject(index, date);
            case Boolean flag -> statement.setBoolean(index, flag);
            case Short number -> statement.setShort(index, number);
            case Integer number -> statement.setInt(index, number);
            case Long number -> statement.setLong(index, number);
            case Double number -> statement.setDouble(index, number);
            case BigDecimal number -> statement.setBigDecimal(index, number);
            case String text -> statement.setString(index, text);
            default -> throw new IllegalArgumentException("no JDBC binding for a " + value.getClass().getName());
        }
    }
}

package org.fedoraproject.pdcupdater.sandbox.db;

import java.sql.SQLException;

/** Unchecked wrapper so resource code is not littered with SQLException plumbing. */
public final class DbException extends RuntimeException {
    public DbException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sql() {
        return (SQLException) getCause();
    }

    /** SQLState class 23 = integrity constraint violation: PDC answers 409 for these. */
    public boolean isIntegrityViolation() {
        String state = sql().getSQLState();
        return state != null && state.startsWith("23");
    }
}

package org.fedoraproject.pdcupdater.sandbox.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings compose_rpms of a database made by an earlier version to the lean layout of schema.sql: its foreign keys
 * other than {@code compose_rpms_rpm_fk} go, and with them the indexes H2 made for them (four more index writes per
 * link, see schema.sql). Their names were generated, so they are found in the information schema.
 */
final class ComposeRpmsLayout {

    private ComposeRpmsLayout() {
    }

    static void apply(Connection c) throws SQLException {
        List<String> extra = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONSTRAINT_NAME FROM "
                + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = "
                + "'COMPOSE_RPMS' AND CONSTRAINT_TYPE = 'FOREIGN KEY' AND CONSTRAINT_NAME <> 'COMPOSE_RPMS_RPM_FK'")) {
            while (rs.next()) {
                extra.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : extra) {
                st.execute("ALTER TABLE compose_rpms DROP CONSTRAINT \"" + name + "\"");
            }
        }
    }
}

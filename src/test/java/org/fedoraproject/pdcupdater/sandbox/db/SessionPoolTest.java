package org.fedoraproject.pdcupdater.sandbox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.h2.command.Command;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

/** The sandbox's sessions outlive their transactions, query cache included, and are never lent twice at once. */
class SessionPoolTest {

    private static String memUrl() {
        return "jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void aStatementParsedInOneTransactionIsNotParsedAgainInTheNext() {
        String sql = "SELECT id FROM rpms WHERE id > ? ORDER BY id FETCH FIRST 3 ROWS ONLY";
        try (Database db = new Database(memUrl())) {
            Command first = db.read(tx -> {
                tx.list(sql, rs -> rs.getLong(1), 0L);
                Command cached = session(tx).prepareLocal(sql); // what H2 keeps for the next prepareStatement
                cached.close();
                return cached;
            });
            // H2's own pool rolled each connection back on return, and a rollback empties the session's cache.
            Command second = db.read(tx -> session(tx).prepareLocal(sql));
            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void aFailedWriteIsRolledBackAndTheNextTransactionDoesNotSeeIt() {
        try (Database db = new Database(memUrl())) {
            assertThatThrownBy(() -> db.write(tx -> {
                tx.update("INSERT INTO people (username, email) VALUES ('alice', 'a@example.org')");
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(db.<Long>read(tx -> tx.longValue("SELECT COUNT(*) FROM people"))).isZero();
            db.write(tx -> tx.update("INSERT INTO people (username, email) VALUES ('alice', 'a@example.org')"));
            assertThat(db.<Long>read(tx -> tx.longValue("SELECT COUNT(*) FROM people"))).isEqualTo(1L);
        }
    }

    @Test
    void noMoreThanMaxConnectionsAreLentAndABorrowerWaitsThenFails() throws Exception {
        try (SessionPool pool = new SessionPool(memUrl(), 2, 50, TimeUnit.MILLISECONDS)) {
            Connection a = pool.lend();
            Connection b = pool.lend();
            assertThat(b).isNotSameAs(a);
            assertThatThrownBy(pool::lend).isInstanceOf(SQLException.class).hasMessage("Login timeout");
            pool.giveBack(b, true);
            assertThat(pool.lend()).isSameAs(b);
            pool.giveBack(a, true);
        }
    }

    @Test
    void aConnectionReturnedUncleanIsClosedAndNotLentAgain() throws Exception {
        try (SessionPool pool = new SessionPool(memUrl(), 1, 50, TimeUnit.MILLISECONDS)) {
            Connection a = pool.lend();
            pool.giveBack(a, false);
            assertThat(a.isClosed()).isTrue();
            Connection b = pool.lend();
            assertThat(b).isNotSameAs(a);
            assertThat(b.isClosed()).isFalse();
            pool.giveBack(b, true);
        }
    }

    private static SessionLocal session(Tx tx) {
        try {
            return (SessionLocal) tx.connection().unwrap(JdbcConnection.class).getSession();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

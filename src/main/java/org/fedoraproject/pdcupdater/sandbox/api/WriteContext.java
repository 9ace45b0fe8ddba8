package org.fedoraproject.pdcupdater.sandbox.api;

import org.fedoraproject.pdcupdater.sandbox.db.ChangesetRecorder;
import org.fedoraproject.pdcupdater.sandbox.db.Tx;
import org.fedoraproject.pdcupdater.sandbox.http.ApiRequest;

/**
 * What a resource needs while writing: the transaction, the changeset being built and the request. A resource
 * may also override the success status and add a pdc-warning (bugzilla-components' get-or-create answers
 * 200 with a warning instead of 201).
 */
public final class WriteContext {
    private final Tx tx;
    private final ChangesetRecorder changes;
    private final ApiRequest request;
    private Integer status;
    private String warning;

    public WriteContext(Tx tx, ChangesetRecorder changes, ApiRequest request) {
        this.tx = tx;
        this.changes = changes;
        this.request = request;
    }

    public Tx tx() {
        return tx;
    }

    public ChangesetRecorder changes() {
        return changes;
    }

    public ApiRequest request() {
        return request;
    }

    public void answer(int status, String warning) {
        this.status = status;
        this.warning = warning;
    }

    Integer status() {
        return status;
    }

    String warning() {
        return warning;
    }

    void resetAnswer() {
        status = null;
        warning = null;
    }
}

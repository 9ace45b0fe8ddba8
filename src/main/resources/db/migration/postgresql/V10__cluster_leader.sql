-- Leader epoch (fencing token): each leadership gain takes the next epoch, and a leader handles a
-- message only while the epoch stored here is still its own (cluster.LeaderFence).
CREATE TABLE cluster_leader (
    name        VARCHAR(64)  PRIMARY KEY,
    epoch       BIGINT       NOT NULL,
    holder      VARCHAR(255) NOT NULL,
    acquired_at TIMESTAMP    NOT NULL
);

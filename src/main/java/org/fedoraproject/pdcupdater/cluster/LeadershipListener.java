package org.fedoraproject.pdcupdater.cluster;

/** Told, in order and on one thread, when this instance becomes the leader or stops being it. */
public interface LeadershipListener {

    void leadershipGained();

    void leadershipLost();
}

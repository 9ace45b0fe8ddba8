package org.fedoraproject.pdcupdater.pdc;

import java.time.Duration;

/** Waits between retries; a seam so tests can record the delays instead of waiting them out. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}

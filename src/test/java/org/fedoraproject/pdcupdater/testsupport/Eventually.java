package org.fedoraproject.pdcupdater.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous. Generous limits only: this is not a timing assertion. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(60), condition);
    }
}

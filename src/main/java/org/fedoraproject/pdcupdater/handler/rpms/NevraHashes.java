package org.fedoraproject.pdcupdater.handler.rpms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A compact set of NEVRAs for an audit: 8 bytes per RPM (a 64-bit digest of the NEVRA) in a sorted array instead
 * of a string set, plus a bit per entry for "PDC has it". A release of 100,000 RPMs takes under 1 MB. Two different
 * NEVRAs share a digest with a chance of about n²/2⁶⁵ (10⁻⁹ for 200,000 RPMs); such a pair would hide one
 * difference from one audit, never cause a wrong write (writes use the NEVRAs themselves).
 */
final class NevraHashes {

    private final MessageDigest sha256;
    private long[] hashes = new long[4096];
    private int size;
    private boolean sealed;
    private BitSet present;

    NevraHashes() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    void add(String nevra) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = hash(nevra);
    }

    /** Sorts and drops repeats; after this only lookups. */
    void seal() {
        Arrays.sort(hashes, 0, size);
        int unique = 0;
        for (int i = 0; i < size; i++) {
            if (unique == 0 || hashes[unique - 1] != hashes[i]) {
                hashes[unique++] = hashes[i];
            }
        }
        size = unique;
        hashes = Arrays.copyOf(hashes, size);
        present = new BitSet(size);
        sealed = true;
    }

    int size() {
        return size;
    }

    /** Marks {@code nevra} as present; false when the set does not hold it. */
    boolean markPresent(String nevra) {
        int i = Arrays.binarySearch(hashes, hash(nevra));
        if (i < 0) {
            return false;
        }
        present.set(i);
        return true;
    }

    /** True once for a held NEVRA not marked present (then marks it, so a repeat is not reported twice). */
    boolean claimAbsent(String nevra) {
        int i = Arrays.binarySearch(hashes, hash(nevra));
        if (i < 0 || present.get(i)) {
            return false;
        }
        present.set(i);
        return true;
    }

    int absentCount() {
        return size - present.cardinality();
    }

    private long hash(String nevra) {
        return ByteBuffer.wrap(sha256.digest(nevra.getBytes(StandardCharsets.UTF_8))).getLong();
    }
}

package org.fedoraproject.pdcupdater.handler.rpms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A compact set of NEVRAs for an audit: 12 bytes per RPM (a 64-bit digest of the NEVRA and the index of the build
 * it came from) in sorted arrays instead of a string set, plus a bit per entry for "PDC has it". A release of
 * 1,000,000 RPMs takes about 12 MB. The build index lets the audit fetch again only the builds that have RPMs PDC
 * lacks, instead of every build: the digests cannot be turned back into NEVRAs. Two different NEVRAs share a digest
 * with a chance of about n²/2⁶⁵ (3·10⁻⁸ for 1,000,000 RPMs); such a pair would hide one difference from one audit,
 * never cause a wrong write (writes use the NEVRAs themselves).
 */
final class NevraHashes {

    private final MessageDigest sha256;
    private long[] hashes = new long[4096];
    private int[] builds = new int[4096];
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

    /**
     * Adds the NEVRA of an RPM with a payload the caller can turn back into the RPM: the index of the build it came
     * from (Koji side), or its PDC id (PDC side).
     */
    void add(String nevra, int build) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            builds = Arrays.copyOf(builds, size * 2);
        }
        hashes[size] = hash(nevra);
        builds[size] = build;
        size++;
    }

    /** Sorts and drops repeats; after this only lookups. */
    void seal() {
        sort(0, size - 1);
        int unique = 0;
        for (int i = 0; i < size; i++) {
            if (unique == 0 || hashes[unique - 1] != hashes[i]) {
                hashes[unique] = hashes[i];
                builds[unique] = builds[i];
                unique++;
            }
        }
        size = unique;
        hashes = Arrays.copyOf(hashes, size);
        builds = Arrays.copyOf(builds, size);
        present = new BitSet(size);
        sealed = true;
    }

    int size() {
        return size;
    }

    /** Marks {@code nevra} as present; false when the set does not hold it. */
    boolean markPresent(String nevra) {
        return markPresent(hash(nevra));
    }

    /** As {@link #markPresent(String)} for a digest taken from another set. */
    boolean markPresent(long digest) {
        int i = Arrays.binarySearch(hashes, digest);
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

    /** The builds (as given to {@link #add}) with at least one NEVRA not marked present, ascending, each once. */
    int[] buildsWithAbsent() {
        int[] out = new int[absentCount()];
        int n = 0;
        for (int i = present.nextClearBit(0); i < size; i = present.nextClearBit(i + 1)) {
            out[n++] = builds[i];
        }
        return Arrays.stream(out, 0, n).sorted().distinct().toArray();
    }

    /** What another set's entries look like: a digest and its payload. */
    interface EntryConsumer {
        void accept(long digest, int payload);
    }

    void forEach(EntryConsumer consumer) {
        for (int i = 0; i < size; i++) {
            consumer.accept(hashes[i], builds[i]);
        }
    }

    long hash(String nevra) {
        return ByteBuffer.wrap(sha256.digest(nevra.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** Quicksort of the digests carrying their build indices along (the JDK sorts one primitive array only). */
    private void sort(int lo, int hi) {
        while (lo < hi) {
            if (hi - lo < 16) {
                for (int i = lo + 1; i <= hi; i++) {
                    for (int j = i; j > lo && hashes[j - 1] > hashes[j]; j--) {
                        swap(j - 1, j);
                    }
                }
                return;
            }
            // The digests are uniformly spread, so the middle element is as good a pivot as any.
            long pivot = hashes[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (hashes[i] < pivot) {
                    i++;
                }
                while (hashes[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            // Recurse into the smaller part, loop on the larger: the stack stays O(log n).
            if (j - lo < hi - i) {
                sort(lo, j);
                lo = i;
            } else {
                sort(i, hi);
                hi = j;
            }
        }
    }

    private void swap(int a, int b) {
        long h = hashes[a];
        hashes[a] = hashes[b];
        hashes[b] = h;
        int x = builds[a];
        builds[a] = builds[b];
        builds[b] = x;
    }
}

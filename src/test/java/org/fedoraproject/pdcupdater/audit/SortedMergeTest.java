package org.fedoraproject.pdcupdater.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SortedMergeTest {

    private static List<Map.Entry<String, String>> side(String... keyValues) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            entries.add(Map.entry(keyValues[i], keyValues[i + 1]));
        }
        return entries;
    }

    @Test
    void findsEachKindOfDifferenceInKeyOrder() {
        List<Difference> found = new ArrayList<>();
        long compared = SortedMerge.diff(
                side("a", "1", "b", "2", "d", "4", "e", "5").iterator(),
                side("b", "2", "c", "3", "d", "X", "f", "6").iterator(), found::add);

        assertThat(compared).isEqualTo(6);
        assertThat(found).containsExactly(
                Difference.absentFromPdc("a", "1"),
                Difference.absentFromSource("c", "3"),
                Difference.different("d", "4", "X"),
                Difference.absentFromPdc("e", "5"),
                Difference.absentFromSource("f", "6"));
    }

    @Test
    void identicalSidesHaveNoDifference() {
        AuditReport report = new AuditReport("rpms", 10);
        SortedMerge.diff(side("a", "1", "b", "2").iterator(), side("a", "1", "b", "2").iterator(), report);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void anUnsortedSideIsRefusedRatherThanReportingFalseDifferences() {
        assertThatThrownBy(() -> SortedMerge.diff(side("b", "1", "a", "2").iterator(), side().iterator(), d -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not sorted");
    }

    @Test
    void theReportKeepsCountsOfAllButOnlyTheFirstDifferences() {
        AuditReport report = new AuditReport("rpms", 2);
        SortedMerge.diff(side("a", "1", "b", "1", "c", "1").iterator(), side().iterator(), report);

        assertThat(report.count(Difference.Kind.ABSENT_FROM_PDC)).isEqualTo(3);
        assertThat(report.firstDifferences()).hasSize(2);
        assertThat(report.clean()).isFalse();
    }
}

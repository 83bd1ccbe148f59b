package io.github.migrationtest.verifier.safety;

import java.util.Arrays;

/**
 * A number per oid, from a comma-separated list the server aggregated: {@code oid:number} pairs, or oids whose
 * occurrences are counted. A step's start lists every table's, and a step looks up the few it locks, often none:
 * the list is parsed on the first lookup, into arrays, with no boxing. Occurrences (every index) are sorted and
 * searched; pairs (only the tables with scans not yet flushed, mostly none) are looked through.
 */
final class OidCounts {

    private final String list;
    private final boolean pairs;
    private long[] oids;
    private long[] numbers;

    private OidCounts(String list, boolean pairs) {
        this.list = list == null ? "" : list;
        this.pairs = pairs;
    }

    /** {@code oid:number,oid:number...}, each oid once. */
    static OidCounts ofPairs(String list) {
        return new OidCounts(list, true);
    }

    /** {@code oid,oid...}: the number of an oid is how often it occurs. */
    static OidCounts ofOccurrences(String list) {
        return new OidCounts(list, false);
    }

    /** The oid's number; 0 when it is not listed. */
    long of(long oid) {
        if (oids == null) {
            parse();
        }
        if (pairs) {
            for (int i = 0; i < oids.length; i++) {
                if (oids[i] == oid) {
                    return numbers[i];
                }
            }
            return 0;
        }
        return firstAbove(oid) - firstAbove(oid - 1);
    }

    /** The index of the first sorted oid above {@code oid}. */
    private int firstAbove(long oid) {
        int low = 0;
        int high = oids.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (oids[middle] <= oid) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void parse() {
        int count = list.isEmpty() ? 0 : 1;
        for (int i = 0; i < list.length(); i++) {
            if (list.charAt(i) == ',') {
                count++;
            }
        }
        long[] keys = new long[count];
        long[] values = new long[pairs ? count : 0];
        int item = 0;
        long number = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == ',') {
                if (item < count) {
                    if (pairs) {
                        values[item] = number;
                    } else {
                        keys[item] = number;
                    }
                }
                item++;
                number = 0;
            } else if (c == ':') {
                keys[item] = number;
                number = 0;
            } else {
                number = number * 10 + (c - '0');
            }
        }
        if (!pairs) {
            Arrays.sort(keys);
        }
        numbers = values;
        oids = keys;
    }
}

package org.mageos.distribution.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** The analysis of every package of a distribution; printable as a table. */
public final class DependencyReport {

    /** Which package versions were analyzed: the newest tag of each source, or a release. */
    public String analyzed;
    public List<PackageDependencies> packages = new ArrayList<>();

    public boolean hasMissing() {
        return packages.stream().anyMatch(p -> !p.missing.isEmpty());
    }

    /**
     * One line per package: name, version, files scanned, the result, missing requirements of the runtime code, of
     * tests only, suggested packages used, unused requirements, requirements checked (of those not platform
     * packages), those not checked, and how many names no package provides.
     */
    public List<String> table() {
        String[] header = {"package", "version", "files", "result", "missing (runtime)", "missing (tests only)", "optional (suggest)",
            "unused", "checked", "unchecked", "unresolved"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (PackageDependencies p : packages) {
            rows.add(new String[] {p.name, p.version, Integer.toString(p.files), p.getResult(), join(p.missing), join(p.missingInTests),
                join(p.optional), join(p.unused), p.checked + "/" + (p.checked + p.unchecked.size()), join(p.unchecked),
                p.unresolved.size() + (p.unresolvedInTests.isEmpty() ? "" : " +" + p.unresolvedInTests.size() + " in tests")});
        }
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format("%-" + width[c] + "s  ", row[c]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String join(SortedSet<String> names) {
        return names.isEmpty() ? "-" : String.join(", ", names);
    }
}

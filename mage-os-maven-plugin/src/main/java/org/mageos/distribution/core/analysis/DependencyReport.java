package org.mageos.distribution.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** The analysis of every package of a distribution; printable as a table. */
public final class DependencyReport {

    public List<PackageDependencies> packages = new ArrayList<>();

    public boolean hasMissing() {
        return packages.stream().anyMatch(p -> !p.missing.isEmpty());
    }

    /** One line per package: name, version, files scanned, missing and unused requirements. */
    public List<String> table() {
        String[] header = {"package", "version", "files", "missing requirements", "unused requirements"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (PackageDependencies p : packages) {
            rows.add(new String[] {p.name, p.version, Integer.toString(p.files), join(p.missing), join(p.unused)});
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

package org.mageos.distribution.core.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the analysis found for one package version. */
@JsonPropertyOrder({"name", "version", "files", "result", "missing", "missingInTests", "optional", "unused", "checked", "unchecked",
        "uses", "testUses", "unresolved", "unresolvedInTests", "problems"})
public final class PackageDependencies {

    public String name;
    public String version;
    public int files;
    /** Packages the runtime code uses that require does not name (what a generated require adds). */
    public SortedSet<String> missing = new TreeSet<>();
    /** Packages only tests use (Test/, Tests/, tests/, TestFramework/, dev/) that neither require nor require-dev names. */
    public SortedSet<String> missingInTests = new TreeSet<>();
    /** Packages the code uses that the package only suggests: optional, never added to require. */
    public SortedSet<String> optional = new TreeSet<>();
    /** Requirements whose package the code never uses. */
    public SortedSet<String> unused = new TreeSet<>();
    /** Requirements (platform packages aside) whose package's names are known: judged used or unused. */
    public int checked;
    /** Requirements whose package nothing tells the names of (neither in the analysis nor in a class map or namespace). */
    public SortedSet<String> unchecked = new TreeSet<>();
    /** Each package the runtime code uses, with the names that lead to it (at most a few, for the report). */
    public SortedMap<String, SortedSet<String>> uses = new TreeMap<>();
    /** Each package the tests use, with the names that lead to it. */
    public SortedMap<String, SortedSet<String>> testUses = new TreeMap<>();
    /** Names of the runtime code (namespaced classes, Magento modules) that no package provides. */
    public SortedSet<String> unresolved = new TreeSet<>();
    /** Names only tests use that no package provides. */
    public SortedSet<String> unresolvedInTests = new TreeSet<>();
    /** Files the scanner could not fully read. */
    public List<String> problems = new ArrayList<>();

    /**
     * {@code missing} or {@code unused} when there is a finding; {@code clean} only when every requirement was checked
     * and every name of the runtime code was attributed; else {@code unchecked}.
     */
    public String getResult() {
        if (!missing.isEmpty() || !unused.isEmpty()) {
            return "findings";
        }
        return unchecked.isEmpty() && unresolved.isEmpty() ? "clean" : "unchecked";
    }
}

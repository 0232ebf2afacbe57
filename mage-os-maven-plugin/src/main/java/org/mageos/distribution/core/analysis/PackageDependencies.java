package org.mageos.distribution.core.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the analysis found for one package version. */
@JsonPropertyOrder({"name", "version", "files", "missing", "unused", "uses", "unresolved", "problems"})
public final class PackageDependencies {

    public String name;
    public String version;
    public int files;
    /** Packages the code uses that neither require (nor, for tests, require-dev) names. */
    public SortedSet<String> missing = new TreeSet<>();
    /** Requirements whose package the code never uses. */
    public SortedSet<String> unused = new TreeSet<>();
    /** Each package used, with the names that lead to it (at most a few, for the report). */
    public SortedMap<String, SortedSet<String>> uses = new TreeMap<>();
    /** Namespaced names that no autoload rule or configured namespace maps to a package. */
    public SortedSet<String> unresolved = new TreeSet<>();
    /** Files the scanner could not fully read. */
    public List<String> problems = new ArrayList<>();
}

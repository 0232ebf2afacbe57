/*
 * The figures of the dependency analysis on a real distribution (issue 20's proof). Not a test: a main class that
 * reads the report `mage-os:dependencies` wrote and prints the counts a release engineer checks.
 *
 * Run from the root of the project, after `mvn package mage-os:dependencies` of a distribution project:
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml -Pbench test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.DependencyProof \
 *       -Dexec.args="--report /path/to/project/target/mage-os/dependencies.json [--modules a/b,c/d]"
 *
 * It prints the set analyzed; the packages by result (clean, findings, unchecked); the findings by kind (missing at
 * runtime, in tests only, optional, unused), the requirements checked and unchecked, the unresolved names; then, for
 * each package of --modules, its require and every package its code uses with the names that lead to it, which is
 * what a reader judges against the code.
 */
package org.mageos.distribution.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mageos.distribution.core.io.Json;

public final class DependencyProof {

    public static void main(String[] args) throws Exception {
        Path report = null;
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--report" -> report = Path.of(args[++i]);
                case "--modules" -> modules.addAll(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (report == null) {
            throw new IllegalArgumentException("usage: --report dependencies.json [--modules a/b,c/d]");
        }
        JsonNode root = Json.MAPPER.readTree(report.toFile());
        System.out.println("analyzed: " + root.path("analyzed").asText());
        Map<String, Integer> results = new TreeMap<>();
        int packages = 0;
        int files = 0;
        int checked = 0;
        int unchecked = 0;
        Map<String, Integer> findings = new TreeMap<>();
        TreeSet<String> unresolved = new TreeSet<>();
        TreeSet<String> unresolvedInTests = new TreeSet<>();
        for (JsonNode p : root.path("packages")) {
            packages++;
            files += p.path("files").asInt();
            results.merge(p.path("result").asText(), 1, Integer::sum);
            checked += p.path("checked").asInt();
            unchecked += p.path("unchecked").size();
            for (String kind : List.of("missing", "missingInTests", "optional", "unused")) {
                findings.merge(kind, p.path(kind).size(), Integer::sum);
            }
            p.path("unresolved").forEach(n -> unresolved.add(n.asText()));
            p.path("unresolvedInTests").forEach(n -> unresolvedInTests.add(n.asText()));
        }
        System.out.printf("packages: %d (%d files); by result: %s%n", packages, files, results);
        System.out.printf("findings: missing (runtime) %d, missing (tests only) %d, optional (suggest) %d, unused %d%n",
                findings.get("missing"), findings.get("missingInTests"), findings.get("optional"), findings.get("unused"));
        System.out.printf("requirements: %d checked, %d unchecked (%.0f%% checked)%n", checked, unchecked,
                checked + unchecked == 0 ? 100.0 : 100.0 * checked / (checked + unchecked));
        System.out.printf("unresolved names: %d distinct in runtime code %s; %d only in tests%n", unresolved.size(),
                unresolved.size() > 20 ? new ArrayList<>(unresolved).subList(0, 20) + "..." : unresolved, unresolvedInTests.size());
        for (JsonNode p : root.path("packages")) {
            String name = p.path("name").asText();
            if (!modules.contains(name)) {
                continue;
            }
            System.out.println();
            System.out.println(name + " " + p.path("version").asText() + " (" + p.path("result").asText() + ")");
            for (String kind : List.of("missing", "missingInTests", "optional", "unused", "unchecked")) {
                if (p.path(kind).size() > 0) {
                    System.out.println("  " + kind + ": " + p.path(kind));
                }
            }
            p.path("uses").fields().forEachRemaining(e -> System.out.println("  uses " + e.getKey() + " " + e.getValue()));
            p.path("testUses").fields().forEachRemaining(e -> System.out.println("  tests use " + e.getKey() + " " + e.getValue()));
        }
    }
}

package org.mageos.distribution.core.php;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** One package version's code as the scanner saw it: its files, what they declare and what they use. */
final class ScannedPackage {

    final String name;
    final String version;
    final ObjectNode composerJson;
    final Set<String> paths = new HashSet<>();
    /** Per file that declares something: its declarations (classmap, files and PSR rules are checked against these). */
    final TreeMap<String, PhpReferences> declarations = new TreeMap<>();
    /** What the package's own code uses. */
    final PhpReferences uses = new PhpReferences();
    /** What its tests use (files below a Test, Tests or tests folder): require-dev may satisfy these. */
    final PhpReferences testUses = new PhpReferences();
    final List<String> problems = new ArrayList<>();
    int filesScanned;
    /** Its zip is not in the repository being analyzed: nothing can be said about its requirements. */
    boolean codeAbsent;

    ScannedPackage(String name, String version, ObjectNode composerJson) {
        this.name = name;
        this.version = version;
        this.composerJson = composerJson;
    }

    String type() {
        return composerJson.path("type").asText("library");
    }

    /** Adds one file's findings. */
    void add(String path, PhpReferences refs) {
        filesScanned++;
        if (!refs.declaredClasses.isEmpty() || !refs.declaredFunctions.isEmpty()) {
            declarations.put(path, refs);
        }
        (isTestPath(path) ? testUses : uses).addAll(refs);
        for (String problem : refs.problems) {
            problems.add(path + ": " + problem);
        }
    }

    static boolean isTestPath(String path) {
        return path.startsWith("Test/") || path.startsWith("Tests/") || path.startsWith("tests/")
                || path.contains("/Test/") || path.contains("/Tests/") || path.contains("/tests/");
    }
}

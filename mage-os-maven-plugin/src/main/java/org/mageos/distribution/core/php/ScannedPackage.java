package org.mageos.distribution.core.php;

import org.mageos.distribution.core.php.PhpReferences;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** One package version's code as the scanner saw it: its files, what they declare and what they use. */
public final class ScannedPackage {

    public final String name;
    public final String version;
    public final ObjectNode composerJson;
    public final Set<String> paths = new HashSet<>();
    /** Per file that declares something: its declarations (classmap, files and PSR rules are checked against these). */
    public final TreeMap<String, PhpReferences> declarations = new TreeMap<>();
    /** What the package's own code uses. */
    public final PhpReferences uses = new PhpReferences();
    /** What its tests use (files below a Test, Tests, tests, TestFramework or dev folder): require-dev may satisfy these. */
    public final PhpReferences testUses = new PhpReferences();
    public final List<String> problems = new ArrayList<>();
    public int filesScanned;
    /** Its zip is not in the repository being analyzed: nothing can be said about its requirements. */
    public boolean codeAbsent;

    public ScannedPackage(String name, String version, ObjectNode composerJson) {
        this.name = name;
        this.version = version;
        this.composerJson = composerJson;
    }

    public String type() {
        return composerJson.path("type").asText("library");
    }

    /** Adds one file's findings. */
    public void add(String path, PhpReferences refs) {
        filesScanned++;
        if (!refs.declaredClasses.isEmpty() || !refs.declaredFunctions.isEmpty() || !refs.declaredModules.isEmpty()) {
            declarations.put(path, refs);
        }
        (isTestPath(path) ? testUses : uses).addAll(refs);
        for (String problem : refs.problems) {
            problems.add(path + ": " + problem);
        }
    }

    /** Folders whose code only tests run: require-dev's business, never a runtime requirement. */
    private static final java.util.Set<String> TEST_FOLDERS = java.util.Set.of("Test", "Tests", "tests", "TestFramework", "dev");

    /** Whether a file is test code: below a {@code Test}, {@code Tests}, {@code tests}, {@code TestFramework} or {@code dev} folder. */
    public static boolean isTestPath(String path) {
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            if (TEST_FOLDERS.contains(path.substring(start, slash))) {
                return true;
            }
            start = slash + 1;
        }
        return false;
    }
}

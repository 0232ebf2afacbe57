package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.mageos.distribution.core.archive.PackageFile;
import org.mageos.distribution.core.archive.PackageTreeReader;
import org.mageos.distribution.core.php.CodeRequirements;
import org.mageos.distribution.core.php.PhpReferences;
import org.mageos.distribution.core.php.PhpSourceScanner;
import org.mageos.distribution.core.php.XmlClassNames;

/**
 * The code of packages as {@code <requireFromCode>} reads it at plan time, from git objects: the same files as the
 * package's zip. Most files are the same blob at many tags and branches: each blob is scanned once per plan.
 */
final class PackageCode {

    private final Map<ObjectId, PhpReferences> php = new HashMap<>();
    private final Map<ObjectId, PhpReferences> xml = new HashMap<>();
    private final Map<ObjectId, Map<String, PhpReferences>> autoloadFilesByTree = new HashMap<>();

    /**
     * What each PHP and phtml file, and each XML file below an {@code etc/} folder, of the package's zip holds, by
     * path; tests (below {@code Test/}, {@code Tests/}, {@code tests/}) are left out, their needs are require-dev's.
     *
     * @param replaced files whose content the release replaces, by path
     */
    Map<String, PhpReferences> files(ObjectReader reader, ObjectId tree, JsonNode composerJson, List<String> excludes,
            Map<String, byte[]> replaced, Consumer<String> warn) throws IOException {
        Map<String, PhpReferences> files = new TreeMap<>();
        for (PackageFile file : PackageTreeReader.list(reader, tree, composerJson, excludes, warn)) {
            String path = file.path();
            if (file.kind() == PackageFile.Kind.SYMLINK || CodeRequirements.isTestPath(path)) {
                continue;
            }
            byte[] bytes = replaced.get(path);
            if (isPhp(path)) {
                files.put(path, bytes != null ? PhpSourceScanner.scan(bytes) : scan(reader, file.blob(), php, true));
            } else if (isConfigXml(path)) {
                files.put(path, bytes != null ? XmlClassNames.scan(bytes) : scan(reader, file.blob(), xml, false));
            }
        }
        return files;
    }

    /** What the PHP files named by the package's {@code classmap} and {@code files} autoload rules declare, by path. */
    Map<String, PhpReferences> autoloadFiles(ObjectReader reader, ObjectId tree, JsonNode composerJson) throws IOException {
        Map<String, PhpReferences> known = autoloadFilesByTree.get(tree);
        if (known != null) {
            return known;
        }
        Map<String, PhpReferences> files = new TreeMap<>();
        JsonNode autoload = composerJson.path("autoload");
        for (String section : List.of("classmap", "files")) {
            for (JsonNode entry : autoload.path(section)) {
                String path = entry.asText("").replace('\\', '/').replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
                if (path.isEmpty() || path.equals(".")) {
                    addPhpFiles(reader, tree, "", files);
                    continue;
                }
                try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
                    if (walk == null) {
                        continue;
                    }
                    if (walk.isSubtree()) {
                        addPhpFiles(reader, walk.getObjectId(0), path + "/", files);
                    } else if (path.endsWith(".php") || section.equals("files")) {
                        files.put(path, scan(reader, walk.getObjectId(0), php, true));
                    }
                }
            }
        }
        autoloadFilesByTree.put(tree.copy(), files);
        return files;
    }

    private void addPhpFiles(ObjectReader reader, ObjectId folder, String prefix, Map<String, PhpReferences> into) throws IOException {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(folder);
            walk.setRecursive(true);
            while (walk.next()) {
                String path = prefix + walk.getPathString();
                if (path.endsWith(".php") && !CodeRequirements.isTestPath(path)) {
                    into.put(path, scan(reader, walk.getObjectId(0), php, true));
                }
            }
        }
    }

    private static PhpReferences scan(ObjectReader reader, ObjectId blob, Map<ObjectId, PhpReferences> known, boolean isPhp)
            throws IOException {
        PhpReferences refs = known.get(blob);
        if (refs == null) {
            byte[] bytes = reader.open(blob).getBytes();
            refs = isPhp ? PhpSourceScanner.scan(bytes) : XmlClassNames.scan(bytes);
            known.put(blob.copy(), refs);
        }
        return refs;
    }

    private static boolean isPhp(String path) {
        return path.endsWith(".php") || path.endsWith(".phtml");
    }

    private static boolean isConfigXml(String path) {
        return path.endsWith(".xml") && (path.startsWith("etc/") || path.contains("/etc/"));
    }
}

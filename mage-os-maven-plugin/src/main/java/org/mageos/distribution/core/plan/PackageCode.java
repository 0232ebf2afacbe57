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
import org.mageos.distribution.core.php.CodeFiles;

/**
 * The code of packages as {@code <requireFromCode>} reads it at plan time, from git objects: the same files as the
 * package's zip. Most files are the same blob at many tags and branches: each blob is scanned once per plan.
 */
final class PackageCode {

    private final Map<CodeFiles.Kind, Map<ObjectId, PhpReferences>> scanned = new java.util.EnumMap<>(CodeFiles.Kind.class);
    private final Map<ObjectId, Map<String, PhpReferences>> autoloadFilesByTree = new HashMap<>();

    /**
     * What each file of the package's zip that {@link CodeFiles} reads holds, by path; tests (below {@code Test/},
     * {@code Tests/}, {@code tests/}, {@code TestFramework/}, {@code dev/}) are left out, their needs are require-dev's.
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
            CodeFiles.Kind kind = CodeFiles.kind(path);
            if (kind != null) {
                files.put(path, bytes != null ? CodeFiles.scan(kind, bytes) : scan(reader, file.blob(), kind));
            }
        }
        return files;
    }

    /**
     * What the PHP files named by the package's {@code classmap} and {@code files} autoload rules declare, by path,
     * and the Magento module its etc/module.xml declares.
     */
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
                        files.put(path, scan(reader, walk.getObjectId(0), CodeFiles.Kind.PHP));
                    }
                }
            }
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, "etc/module.xml", tree)) {
            if (walk != null && !walk.isSubtree()) {
                files.put("etc/module.xml", scan(reader, walk.getObjectId(0), CodeFiles.Kind.XML));
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
                    into.put(path, scan(reader, walk.getObjectId(0), CodeFiles.Kind.PHP));
                }
            }
        }
    }

    private PhpReferences scan(ObjectReader reader, ObjectId blob, CodeFiles.Kind kind) throws IOException {
        Map<ObjectId, PhpReferences> known = scanned.computeIfAbsent(kind, k -> new HashMap<>());
        PhpReferences refs = known.get(blob);
        if (refs == null) {
            refs = CodeFiles.scan(kind, reader.open(blob).getBytes());
            known.put(blob.copy(), refs);
        }
        return refs;
    }
}

package org.mageos.distribution.core.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Lists the files of a package folder straight from git objects (no checkout), applying Composer's
 * archive rules. Like Composer's archiver it stores files only: folders appear through their files.
 */
public final class PackageTreeReader {

    private PackageTreeReader() {
    }

    /**
     * The files of a package's zip: its folder's tree minus what the root's {@code .gitattributes}
     * ({@code export-ignore}), composer.json's {@code archive.exclude} and then the distribution exclude.
     *
     * @param composerJson         the effective composer.json (its {@code archive.exclude})
     * @param distributionExcludes anchored Composer patterns the distribution adds, which win
     */
    public static List<PackageFile> list(ObjectReader reader, ObjectId folderTree, JsonNode composerJson, List<String> distributionExcludes,
            Consumer<String> warn) throws IOException {
        ExcludeRules rules = ExcludeRules.of(gitAttributes(reader, folderTree), archiveExclude(composerJson))
                .withDistributionExcludes(distributionExcludes);
        return list(reader, folderTree, rules, warn);
    }

    private static String gitAttributes(ObjectReader reader, ObjectId folderTree) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, ".gitattributes", folderTree)) {
            if (walk == null) {
                return null;
            }
            return new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> archiveExclude(JsonNode composerJson) {
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : composerJson.path("archive").path("exclude")) {
            if (rule.isTextual()) {
                rules.add(rule.asText());
            }
        }
        return rules;
    }

    /**
     * @param folderTree the git tree of the package folder
     * @param rules      exclude rules of this package
     * @param warn       receives one message per dropped symlink
     * @throws IOException also when a path is unsafe to extract ({@link EntryPaths}): the message names it
     */
    public static List<PackageFile> list(ObjectReader reader, ObjectId folderTree, ExcludeRules rules, Consumer<String> warn)
            throws IOException {
        List<PackageFile> files = new ArrayList<>();
        EntryPaths paths = new EntryPaths();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(folderTree);
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                if (walk.isSubtree()) {
                    // a folder the rules leave out as a whole is not walked (the base package leaves out every other package)
                    if (!ExcludeRules.VCS_FOLDERS.contains(walk.getNameString()) && !rules.excludesAllBelow(path)) {
                        walk.enterSubtree();
                    }
                    continue;
                }
                if (rules.excludes(path)) {
                    continue;
                }
                if (FileMode.GITLINK.equals(mode)) {
                    // a submodule: Composer's archive of a checkout would hold an empty folder; git has no content here
                    continue;
                }
                paths.check(path, walk.getRawPath());
                ObjectId blob = walk.getObjectId(0);
                if (FileMode.SYMLINK.equals(mode)) {
                    String target = new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
                    if (!pointsInside(path, target)) {
                        warn.accept("symlink " + path + " -> " + target + " points outside the package; left out");
                        continue;
                    }
                    files.add(new PackageFile(path, PackageFile.Kind.SYMLINK, blob));
                } else if (FileMode.EXECUTABLE_FILE.equals(mode)) {
                    files.add(new PackageFile(path, PackageFile.Kind.EXECUTABLE, blob));
                } else {
                    files.add(new PackageFile(path, PackageFile.Kind.FILE, blob));
                }
            }
        }
        return files;
    }

    /** Whether a symlink's target, resolved against the link's folder, stays inside the package. */
    static boolean pointsInside(String linkPath, String target) {
        if (target.isEmpty() || target.startsWith("/") || target.contains("\\") || target.matches("^[A-Za-z]:.*")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < linkPath.length(); i++) {
            if (linkPath.charAt(i) == '/') {
                depth++;
            }
        }
        for (String segment : target.split("/")) {
            if (segment.equals("..")) {
                depth--;
                if (depth < 0) {
                    return false;
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return true;
    }
}

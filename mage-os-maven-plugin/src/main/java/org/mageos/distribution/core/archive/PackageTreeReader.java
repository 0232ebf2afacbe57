package org.mageos.distribution.core.archive;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesNodeProvider;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.CoreConfig.EolStreamType;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.TreeWalk.OperationType;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.util.io.EolStreamTypeUtil;

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
     * Line endings as a checkout on Linux with no {@code core.autocrlf} writes them (what Composer archives): only the
     * package's own {@code .gitattributes} files count, none of the machine's.
     */
    private static final WorkingTreeOptions CHECKOUT = checkoutOptions();

    private static WorkingTreeOptions checkoutOptions() {
        Config config = new Config();
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, "false");
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_EOL, "lf");
        return config.get(WorkingTreeOptions.KEY);
    }

    /** No attributes from outside the tree (no info/attributes, no global file). */
    private static final AttributesNodeProvider TREE_ONLY = new AttributesNodeProvider() {
        @Override
        public AttributesNode getInfoAttributesNode() {
            return null;
        }

        @Override
        public AttributesNode getGlobalAttributesNode() {
            return null;
        }
    };

    /**
     * The files of a package as Composer's archiver takes them from a checkout: files the rules leave in, with the line
     * endings the checkout gives them; a symbolic link is followed (Symfony Finder, PHP's realpath) and judged by its
     * target's path: a link to a file of the package becomes that file's content under the link's path, a link that
     * leaves the package, leads nowhere or to a folder is left out.
     *
     * @param folderTree the git tree of the package folder
     * @param rules      exclude rules of this package
     * @param warn       receives one message per dropped symlink
     * @throws IOException also when a path is unsafe to extract ({@link EntryPaths}): the message names it
     */
    public static List<PackageFile> list(ObjectReader reader, ObjectId folderTree, ExcludeRules rules, Consumer<String> warn)
            throws IOException {
        List<PackageFile> files = new ArrayList<>();
        EntryPaths paths = new EntryPaths();
        Map<String, EolStreamType> eolByPath = new HashMap<>();
        Map<String, ObjectId> links = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(null, reader)) {
            walk.setAttributesNodeProvider(TREE_ONLY);
            walk.setOperationType(OperationType.CHECKOUT_OP);
            walk.addTree(folderTree);
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                if (walk.isSubtree()) {
                    // a folder the distribution leaves out as a whole is not walked (the base package leaves out every other
                    // package); one Composer's rules leave out is, for the links in it, which are judged by their targets
                    if (!ExcludeRules.VCS_FOLDERS.contains(walk.getNameString()) && !rules.distributionExcludesAllBelow(path)) {
                        walk.enterSubtree();
                    }
                    continue;
                }
                if (FileMode.SYMLINK.equals(mode)) {
                    if (!rules.excludes(path)) {
                        paths.check(path, walk.getRawPath());
                    }
                    links.put(path, walk.getObjectId(0).copy());
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
                EolStreamType eol = EolStreamTypeUtil.detectStreamType(OperationType.CHECKOUT_OP, CHECKOUT, walk.getAttributes());
                eolByPath.put(path, eol);
                ObjectId blob = walk.getObjectId(0);
                files.add(new PackageFile(path, FileMode.EXECUTABLE_FILE.equals(mode) ? PackageFile.Kind.EXECUTABLE : PackageFile.Kind.FILE,
                        blob, eol));
            }
        }
        for (Map.Entry<String, ObjectId> link : links.entrySet()) {
            String path = link.getKey();
            String target = new String(reader.open(link.getValue()).getBytes(), StandardCharsets.UTF_8);
            SymlinkTarget resolved = SymlinkTarget.resolve(reader, folderTree, path, target);
            if (resolved == null) {
                if (!rules.excludes(path)) {
                    warn.accept("symlink " + path + " -> " + target + " points outside the package or nowhere; left out");
                }
                continue;
            }
            if (!resolved.isFile() || rules.excludes(resolved.path) || !eolByPath.containsKey(resolved.path)) {
                // a folder (Composer's archiver keeps a link to a folder only when it is empty, and git has no empty folder),
                // or a file the rules leave out
                continue;
            }
            files.add(new PackageFile(path, FileMode.EXECUTABLE_FILE.equals(resolved.mode) ? PackageFile.Kind.EXECUTABLE : PackageFile.Kind.FILE,
                    resolved.object, eolByPath.get(resolved.path)));
        }
        return files;
    }
}

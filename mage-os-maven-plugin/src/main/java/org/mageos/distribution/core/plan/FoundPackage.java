package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.git.TagRef;

/** A package as found at one tag, before the release's changes. */
final class FoundPackage {
    final SourceScan scan;
    final TagRef tag;
    final String folder;
    final ObjectId tree;
    final ObjectNode json;
    final byte[] bytes;
    final String name;
    final String version;
    final boolean carriesVersion;
    final List<String> excludes;
    final List<String> emptyFolders;
    /** {@code <requireFromCode>}: its require is computed from its code. */
    final boolean requireFromCode;

    FoundPackage(SourceScan scan, TagRef tag, String folder, ObjectId tree, ObjectNode json, byte[] bytes, String name, String version,
            boolean carriesVersion, List<String> excludes, List<String> emptyFolders, boolean requireFromCode) {
        this.scan = scan;
        this.tag = tag;
        this.folder = folder;
        this.tree = tree;
        this.json = json;
        this.bytes = bytes;
        this.name = name;
        this.version = version;
        this.carriesVersion = carriesVersion;
        this.excludes = excludes;
        this.emptyFolders = emptyFolders;
        this.requireFromCode = requireFromCode;
    }

    /** Where it was found, for messages: source, tag or branch, path of its composer.json. */
    String origin() {
        return "source '" + scan.source.getName() + "', " + tag.describe() + ", path '" + (folder.isEmpty() ? "" : folder + "/")
                + "composer.json'";
    }

    /**
     * Adds {@code f} to the packages of one release or night unless a source listed earlier gave the same name:
     * the first source listed wins, and the other one is named in a warning.
     */
    /** One name and version from two sources with other files: which one a user would get would depend on the order of {@code <source>}. */
    static DistributionException twoSources(String version, String first, String second) {
        return new DistributionException(version + " comes from two sources with other files: " + first + " and " + second
                + "; keep it in one of them (narrow the other's <packages> or <tags>)");
    }

    static boolean addFirst(Map<String, FoundPackage> content, FoundPackage f, String where, DistributionLog log) {
        FoundPackage first = content.putIfAbsent(f.name, f);
        if (first != null) {
            log.warn(where + ": " + f.name + " is in source '" + first.scan.source.getName() + "' and in source '"
                    + f.scan.source.getName() + "'; the first one wins");
            return false;
        }
        return true;
    }
}

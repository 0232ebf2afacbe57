package org.mageos.distribution.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.io.AtomicFiles;

/**
 * What the tree walks of a source found at its selected tags ({@code <cacheDirectory>/plans/<key>}): per tag, the
 * package folders, their git trees and composer.json blobs. The key covers {@link #FORMAT}, the source's name,
 * URL and package rules, and every selected tag with its commit: a new, moved or removed tag, or any change of
 * the rules, gives another key. Sources whose composer.json comes from the distribution project are not cached.
 * A hit spares the tree walks of every tag; composer.json blobs are still read and validated.
 */
final class PlanCache {

    /** Change this whenever what the planner finds at a tag, or this file's format, changes. */
    static final String FORMAT = "mage-os-plan-1";

    /** A package folder found at a tag. */
    static final class Entry {
        final String folder;
        final ObjectId tree;
        final ObjectId blob;
        /** index of the rule in the source's packages, -1 when the source has none */
        final int rule;

        Entry(String folder, ObjectId tree, ObjectId blob, int rule) {
            this.folder = folder;
            this.tree = tree;
            this.blob = blob;
            this.rule = rule;
        }
    }

    private final Path dir;

    PlanCache(Path dir) {
        this.dir = dir;
    }

    /** Whether what the planner finds for this source depends on git objects only. */
    static boolean applies(Source source) {
        return source.getPackages().stream().allMatch(rule -> rule.getComposerJson() == null);
    }

    static String key(Source source, List<TagRef> tags) {
        StringBuilder sb = new StringBuilder(FORMAT).append('\n').append(source.getName()).append('\n').append(source.getUrl()).append('\n');
        for (PackageRule rule : source.getPackages()) {
            sb.append("rule ").append(rule.describe()).append(' ').append(rule.getExcludes()).append(' ').append(rule.getEmptyFolders())
                    .append('\n');
        }
        for (TagRef tag : tags) {
            sb.append("tag ").append(tag.name()).append(' ').append(tag.commit().name()).append('\n');
        }
        return DigestUtils.sha1Hex(sb.toString());
    }

    /** The entries per tag name stored under this key, or null when there are none (or they cannot be read). */
    Map<String, List<Entry>> load(String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(key), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT) || !lines.get(lines.size() - 1).equals("end")) {
            return null;
        }
        Map<String, List<Entry>> byTag = new LinkedHashMap<>();
        List<Entry> current = null;
        try {
            for (String line : lines.subList(1, lines.size() - 1)) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("tag") && f.length == 2) {
                    current = new ArrayList<>();
                    byTag.put(f[1], current);
                } else if (f[0].equals("package") && f.length == 5 && current != null) {
                    current.add(new Entry(f[1], ObjectId.fromString(f[2]), ObjectId.fromString(f[3]), Integer.parseInt(f[4])));
                } else {
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return byTag;
    }

    /** Stores the entries per tag name under this key; a failure to write only costs the next run its tree walks. */
    void store(String key, Map<String, List<Entry>> byTag) {
        if (byTag.values().stream().flatMap(List::stream).anyMatch(e -> e.folder.contains("\t") || e.folder.contains("\n"))) {
            return;
        }
        StringBuilder sb = new StringBuilder(FORMAT).append('\n');
        byTag.forEach((tag, entries) -> {
            sb.append("tag\t").append(tag).append('\n');
            for (Entry e : entries) {
                sb.append("package\t").append(e.folder).append('\t').append(e.tree.name()).append('\t').append(e.blob.name()).append('\t')
                        .append(e.rule).append('\n');
            }
        });
        sb.append("end\n");
        try {
            AtomicFiles.writeIfChanged(file(key), sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the plan is complete without it
        }
    }

    Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key);
    }
}

package org.mageos.distribution.core.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A glob over folder paths ({@code app/code/Magento/*}) matched against a git tree, level by level.
 * {@code *} and {@code ?} stay within one path segment and, as in a shell, do not match a leading dot.
 */
public final class FolderGlob {

    /** A folder found by the glob: its path and its git tree. */
    public static final class Folder {
        public final String path;
        public final ObjectId tree;

        Folder(String path, ObjectId tree) {
            this.path = path;
            this.tree = tree;
        }
    }

    private final String glob;
    private final List<Pattern> segments = new ArrayList<>();

    public FolderGlob(String glob) {
        this.glob = glob;
        for (String segment : glob.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(Pattern.compile(segmentRegex(segment)));
            }
        }
    }

    static String segmentRegex(String segment) {
        StringBuilder sb = new StringBuilder();
        if (segment.charAt(0) != '.') {
            sb.append("(?!\\.)");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    /** The folders under {@code root} that match, in path order. */
    public List<Folder> match(ObjectReader reader, ObjectId root) throws IOException {
        List<Folder> found = new ArrayList<>();
        match(reader, root, "", 0, found);
        return found;
    }

    private void match(ObjectReader reader, ObjectId tree, String prefix, int level, List<Folder> found) throws IOException {
        if (level == segments.size()) {
            found.add(new Folder(prefix, tree));
            return;
        }
        Pattern segment = segments.get(level);
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                if (!FileMode.TREE.equals(walk.getFileMode(0))) {
                    continue;
                }
                String name = walk.getNameString();
                if (segment.matcher(name).matches()) {
                    match(reader, walk.getObjectId(0), prefix.isEmpty() ? name : prefix + "/" + name, level + 1, found);
                }
            }
        }
    }

    @Override
    public String toString() {
        return glob;
    }
}

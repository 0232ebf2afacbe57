package org.mageos.distribution.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Where a symbolic link of a package leads in a checkout, as PHP's {@code realpath()} finds it for Composer's
 * archiver: every link on the way is followed (at most {@link #MAX_HOPS}, like the kernel); a target that leaves the
 * package folder, is absolute, or does not exist is none.
 */
final class SymlinkTarget {

    static final int MAX_HOPS = 40;

    /** The target's path inside the package, its mode and object. */
    final String path;
    final FileMode mode;
    final ObjectId object;

    private SymlinkTarget(String path, FileMode mode, ObjectId object) {
        this.path = path;
        this.mode = mode;
        this.object = object;
    }

    /** The target of the link at {@code linkPath} whose text is {@code target}, or null when it is outside or dangling. */
    static SymlinkTarget resolve(ObjectReader reader, ObjectId folderTree, String linkPath, String target) throws IOException {
        List<String> resolved = new ArrayList<>(Arrays.asList(linkPath.split("/")));
        resolved.remove(resolved.size() - 1);
        Deque<String> queue = new ArrayDeque<>();
        if (!push(queue, target)) {
            return null;
        }
        int hops = 0;
        FileMode mode = FileMode.TREE;
        ObjectId object = folderTree;
        while (!queue.isEmpty()) {
            String part = queue.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    return null;
                }
                resolved.remove(resolved.size() - 1);
                mode = FileMode.TREE;
                continue;
            }
            if (mode != FileMode.TREE && !resolved.isEmpty()) {
                // a file used as a folder
                return null;
            }
            List<String> candidate = new ArrayList<>(resolved);
            candidate.add(part);
            try (TreeWalk walk = TreeWalk.forPath(reader, String.join("/", candidate), folderTree)) {
                if (walk == null) {
                    return null;
                }
                FileMode found = walk.getFileMode(0);
                if (FileMode.SYMLINK.equals(found)) {
                    if (++hops > MAX_HOPS || !push(queue, new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))) {
                        return null;
                    }
                    continue;
                }
                resolved.add(part);
                mode = FileMode.TREE.equals(found) ? FileMode.TREE : found;
                object = walk.getObjectId(0).copy();
            }
        }
        if (resolved.isEmpty()) {
            return new SymlinkTarget("", FileMode.TREE, folderTree);
        }
        if (mode == FileMode.TREE) {
            try (TreeWalk walk = TreeWalk.forPath(reader, String.join("/", resolved), folderTree)) {
                if (walk == null) {
                    return null;
                }
                mode = walk.getFileMode(0);
                object = walk.getObjectId(0).copy();
            }
        }
        return new SymlinkTarget(String.join("/", resolved), mode, object);
    }

    /** Queues a link's target before what remains of the path; false for an absolute one (outside any checkout). */
    private static boolean push(Deque<String> queue, String target) {
        if (target.isEmpty() || target.startsWith("/") || target.contains("\\") || target.contains("\0")) {
            return false;
        }
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            queue.push(parts[i]);
        }
        return true;
    }

    boolean isFile() {
        return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
    }
}

package org.mageos.distribution.core.git;

import java.time.Instant;
import org.eclipse.jgit.revwalk.RevCommit;

/** A tag of a source, peeled to its commit; or a branch head built as nightly versions ({@link #isBranch()}). */
public final class TagRef {

    private final String name;
    private final RevCommit commit;
    private final boolean branch;

    public TagRef(String name, RevCommit commit) {
        this(name, commit, false);
    }

    private TagRef(String name, RevCommit commit, boolean branch) {
        this.name = name;
        this.commit = commit;
        this.branch = branch;
    }

    /** The head of a branch (its name without {@code refs/heads/}). */
    public static TagRef branch(String name, RevCommit commit) {
        return new TagRef(name, commit, true);
    }

    public boolean isBranch() {
        return branch;
    }

    /** {@code tag 'NAME'} or {@code branch 'NAME'}, for messages. */
    public String describe() {
        return (branch ? "branch '" : "tag '") + name + "'";
    }

    /** The tag's name without {@code refs/tags/}. */
    public String name() {
        return name;
    }

    public RevCommit commit() {
        return commit;
    }

    /** When the tagged commit was made; the {@code time} of the versions built from it. */
    public Instant time() {
        return Instant.ofEpochSecond(commit.getCommitTime());
    }

    @Override
    public String toString() {
        return name;
    }
}

package org.mageos.distribution.core.git;

import java.time.Instant;
import org.eclipse.jgit.revwalk.RevCommit;

/** A tag of a source, peeled to its commit. */
public final class TagRef {

    private final String name;
    private final RevCommit commit;

    public TagRef(String name, RevCommit commit) {
        this.name = name;
        this.commit = commit;
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

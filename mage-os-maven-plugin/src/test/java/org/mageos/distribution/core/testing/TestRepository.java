package org.mageos.distribution.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A git repository made by a test: commits of given files at given times, and tags. */
public final class TestRepository implements AutoCloseable {

    private final Path dir;
    private final Git git;
    private Instant clock = Instant.parse("2024-03-01T12:00:00Z");

    private TestRepository(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static TestRepository create(Path dir) throws Exception {
        Files.createDirectories(dir);
        return new TestRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    /** Replaces the work tree with these files (path to content; a null content deletes) and commits one day later. */
    public RevCommit commit(String message, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (f.getValue() == null) {
                Files.deleteIfExists(p);
                git.rm().addFilepattern(f.getKey()).call();
                continue;
            }
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue().getBytes(StandardCharsets.UTF_8));
            git.add().addFilepattern(f.getKey()).call();
        }
        clock = clock.plusSeconds(86400);
        PersonIdent who = new PersonIdent("Test", "test@example.org", java.util.Date.from(clock), TimeZone.getTimeZone("UTC"));
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call();
    }

    public Instant lastCommitTime() {
        return clock;
    }

    public void tag(String name) throws Exception {
        git.tag().setName(name).setAnnotated(false).call();
    }

    /** Removes a directory tree, for tests that clean up after themselves. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() {
        git.close();
    }
}

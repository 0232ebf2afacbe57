package org.mageos.distribution.core.git;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.mageos.distribution.core.BuildLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The shared cache of source repositories: one bare git repository per source URL, reused by every build.
 * A fetch lists the remote's tags first and transfers only the selected tags that are new or moved.
 */
public final class GitCache {

    /** A server that stops answering for this long fails the fetch instead of hanging the build. */
    static final int NETWORK_TIMEOUT_SECONDS = 120;

    private final Path root;
    private final BuildLog log;
    private final RetryPolicy retry;

    public GitCache(Path root, BuildLog log) {
        this(root, log, RetryPolicy.DEFAULT);
    }

    public GitCache(Path root, BuildLog log, RetryPolicy retry) {
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
        this.retry = retry;
    }

    public Path root() {
        return root;
    }

    /** The cache folder of a source: its name for people, a hash of its URL for uniqueness. */
    public Path repositoryDirectory(Source source) {
        return root.resolve(source.getName() + "-" + sha1(source.getUrl()).substring(0, 12) + ".git");
    }

    /** What a fetch did, for the build's report. */
    public static final class FetchResult {
        public final int remoteTags;
        public final int selectedTags;
        public final int fetchedTags;

        FetchResult(int remoteTags, int selectedTags, int fetchedTags) {
            this.remoteTags = remoteTags;
            this.selectedTags = selectedTags;
            this.fetchedTags = fetchedTags;
        }
    }

    /**
     * Brings the selected tags of a source into the cache.
     *
     * @param offline use the cache as it is; fail if the source was never fetched
     */
    public FetchResult fetch(Source source, boolean offline) {
        return fetch(source, offline, null);
    }

    /**
     * Brings the selected tags of a source into the cache, authenticating with {@code credentials} when given.
     *
     * @param offline use the cache as it is; fail if the source was never fetched
     */
    public FetchResult fetch(Source source, boolean offline, GitCredentials credentials) {
        Path dir = repositoryDirectory(source);
        String url = source.getUrl();
        String where = "source '" + source.getName() + "' (" + redact(url) + ")";
        if (offline) {
            if (!Files.isDirectory(dir.resolve("objects"))) {
                throw new DistributionException(where + " was never fetched into the cache " + dir
                        + " and Maven is offline: run once without -o");
            }
            log.info(source.getName() + ": offline, using the cache");
            return new FetchResult(0, 0, 0);
        }
        Constraint constraint = source.getTags() == null ? Constraint.MATCH_ALL : VersionParser.parseConstraints(source.getTags());
        Collection<Ref> remoteRefs = network(where, "cannot list the remote's tags", url,
                () -> Git.lsRemoteRepository().setRemote(url).setTags(true).setHeads(false).setTimeout(NETWORK_TIMEOUT_SECONDS)
                        .setCredentialsProvider(credentials == null ? null : credentials.provider()).call());
        try (RepositoryLock lock = RepositoryLock.acquire(dir);
                Repository repository = openOrCreate(dir);
                Git git = new Git(repository)) {
            List<RefSpec> specs = new ArrayList<>();
            int selected = 0;
            int tags = 0;
            for (Ref ref : remoteRefs) {
                String name = ref.getName();
                if (!name.startsWith("refs/tags/") || name.endsWith("^{}")) {
                    continue;
                }
                tags++;
                String tag = name.substring("refs/tags/".length());
                if (!VersionParser.isVersion(tag) || !source.selectsTagName(tag) || !constraint.matches(VersionParser.normalize(tag))) {
                    continue;
                }
                selected++;
                Ref local = repository.exactRef(name);
                ObjectId remoteId = ref.getObjectId();
                if (local != null && remoteId != null && remoteId.equals(local.getObjectId())) {
                    continue;
                }
                specs.add(new RefSpec("+" + name + ":" + name));
            }
            if (!specs.isEmpty()) {
                network(where, "fetch failed", url,
                        () -> git.fetch().setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS).setTimeout(NETWORK_TIMEOUT_SECONDS)
                                .setCredentialsProvider(credentials == null ? null : credentials.provider()).call());
            }
            log.info(source.getName() + ": " + tags + " tags, " + selected + " selected, "
                    + (specs.isEmpty() ? "cache up-to-date" : specs.size() + " fetched"));
            return new FetchResult(tags, selected, specs.size());
        } catch (DistributionException e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new DistributionException(where + ": fetch failed: " + message(e, url), e);
        }
    }

    /** A call to the remote. */
    @FunctionalInterface
    private interface RemoteCall<T> {
        T call() throws GitAPIException, IOException;
    }

    /**
     * Runs a call to the remote, retrying the errors that may pass ({@link RetryPolicy#isTransient}) after a growing
     * delay; any other error, or the last one, fails with a message that names the source and its URL.
     */
    private <T> T network(String where, String what, String url, RemoteCall<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.call();
            } catch (GitAPIException | IOException | RuntimeException e) {
                boolean again = attempt <= retry.retries() && RetryPolicy.isTransient(e);
                if (!again) {
                    String tries = attempt > 1 ? " (" + attempt + " attempts)" : "";
                    throw new DistributionException(where + ": " + what + ": " + message(e, url) + tries, e);
                }
                Duration delay = retry.delayBefore(attempt);
                log.warn(where + ": " + message(e, url) + "; retry " + attempt + " of " + retry.retries() + " in "
                        + delay.toMillis() + " ms");
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new DistributionException(where + ": interrupted while waiting to retry", interrupted);
                }
            }
        }
    }

    /** Opens the cached repository of a source for reading. */
    public Repository open(Source source) {
        Path dir = repositoryDirectory(source);
        if (!Files.isDirectory(dir.resolve("objects"))) {
            throw new DistributionException("source '" + source.getName() + "' is not in the cache " + root
                    + ": run the fetch goal first (mvn package runs it)");
        }
        try {
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new DistributionException("source '" + source.getName() + "': cannot open the cache " + dir + ": " + e.getMessage(), e);
        }
    }

    private Repository openOrCreate(Path dir) throws IOException, GitAPIException {
        if (Files.isDirectory(dir.resolve("objects"))) {
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        }
        Files.createDirectories(dir.getParent());
        return Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call().getRepository();
    }

    /** The messages of an exception and its causes, once each, without the URL that the caller already names. */
    private static String message(Throwable e, String url) {
        return message(e).replace(redact(url) + ": ", "").replace(url + ": ", "");
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        while (t != null) {
            if (t instanceof UnknownHostException) {
                sb.append(": unknown host ").append(t.getMessage());
            } else if (t.getMessage() != null && sb.indexOf(t.getMessage()) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(t.getMessage());
            }
            t = t.getCause();
        }
        return redactAll(sb.toString());
    }

    /** A URL without its user info, for messages. */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getUserInfo() != null && uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null).toString();
            }
        } catch (Exception e) {
            // not a URI: a local path, which has no secrets
        }
        return url;
    }

    private static String redactAll(String text) {
        return text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@", "$1");
    }

    static String sha1(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

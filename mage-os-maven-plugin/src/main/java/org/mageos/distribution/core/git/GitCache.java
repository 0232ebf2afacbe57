package org.mageos.distribution.core.git;

import org.mageos.distribution.core.io.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.BranchPattern;
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
    private final DistributionLog log;
    private final RetryPolicy retry;
    private final Path sshDirectory;

    public GitCache(Path root, DistributionLog log) {
        this(root, log, RetryPolicy.DEFAULT, null);
    }

    /**
     * @param sshDirectory where SSH finds {@code config}, {@code known_hosts} and default keys; null for
     *                     {@code ~/.ssh}
     */
    public GitCache(Path root, DistributionLog log, RetryPolicy retry, Path sshDirectory) {
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
        this.retry = retry;
        this.sshDirectory = sshDirectory != null ? sshDirectory : Path.of(System.getProperty("user.home"), ".ssh");
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
        public final int selectedBranches;
        public final int fetchedBranches;

        FetchResult(int remoteTags, int selectedTags, int fetchedTags, int selectedBranches, int fetchedBranches) {
            this.remoteTags = remoteTags;
            this.selectedTags = selectedTags;
            this.fetchedTags = fetchedTags;
            this.selectedBranches = selectedBranches;
            this.fetchedBranches = fetchedBranches;
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
            return new FetchResult(0, 0, 0, 0, 0);
        }
        Path key = credentials == null ? null : credentials.privateKey();
        if (key != null && !Files.isReadable(key)) {
            throw new DistributionException(where + ": the <privateKey> " + key + " of <server> '" + credentials.serverId()
                    + "' in settings.xml cannot be read");
        }
        CredentialsProvider provider = credentials == null ? null : credentials.provider();
        try (SshSessions ssh = new SshSessions(sshDirectory, credentials)) {
            Collection<Ref> remoteRefs = network(where, "cannot list the remote's tags", url,
                    () -> Git.lsRemoteRepository().setRemote(url).setTags(true).setHeads(!source.getBranches().isEmpty()).setTimeout(NETWORK_TIMEOUT_SECONDS)
                            .setCredentialsProvider(provider).setTransportConfigCallback(ssh).call());
            return update(source, where, remoteRefs, fetch -> fetch.setCredentialsProvider(provider).setTransportConfigCallback(ssh));
        }
    }

    /** Fetches the selected refs of {@code remoteRefs} that the cache lacks, under the lock of the cached repository. */
    private FetchResult update(Source source, String where, Collection<Ref> remoteRefs, UnaryOperator<FetchCommand> transport) {
        Path dir = repositoryDirectory(source);
        String url = source.getUrl();
        try (RepositoryLock lock = RepositoryLock.acquire(dir);
                Repository repository = openOrCreate(dir);
                Git git = new Git(repository)) {
            Set<String> remoteNames = new HashSet<>();
            List<RefSpec> tagSpecs = new ArrayList<>();
            List<RefSpec> branchSpecs = new ArrayList<>();
            int tags = 0;
            int selectedTags = 0;
            int selectedBranches = 0;
            Predicate<String> selected = selection(source);
            for (Ref ref : remoteRefs) {
                String name = ref.getName();
                remoteNames.add(name);
                if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}")) {
                    tags++;
                }
                if (!selected.test(name)) {
                    continue;
                }
                List<RefSpec> specs = name.startsWith(Constants.R_TAGS) ? tagSpecs : branchSpecs;
                if (specs == tagSpecs) {
                    selectedTags++;
                } else {
                    selectedBranches++;
                }
                Ref local = repository.exactRef(name);
                ObjectId remoteId = ref.getObjectId();
                if (local == null || remoteId == null || !remoteId.equals(local.getObjectId())) {
                    specs.add(new RefSpec("+" + name + ":" + name));
                }
            }
            removeDeletedUpstream(selected, where, repository, remoteNames);
            List<RefSpec> specs = new ArrayList<>(tagSpecs);
            specs.addAll(branchSpecs);
            if (!specs.isEmpty()) {
                network(where, "fetch of " + names(specs) + " failed", url,
                        () -> transport.apply(git.fetch()).setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                                .setTimeout(NETWORK_TIMEOUT_SECONDS).call());
            }
            fetchRefs(source, where, repository, git, transport);
            String branches = source.getBranches().isEmpty() ? "" : selectedBranches + " branches, ";
            log.info(source.getName() + ": " + tags + " tags, " + selectedTags + " selected, " + branches
                    + (specs.isEmpty() ? "cache up-to-date" : specs.size() + " fetched"));
            return new FetchResult(tags, selectedTags, tagSpecs.size(), selectedBranches, branchSpecs.size());
        } catch (DistributionException e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new DistributionException(where + ": fetch failed: " + message(e, url), e);
        }
    }

    /**
     * {@code <refs>}: commits released as versions no tag names, fetched by their id when the cache lacks them (the
     * server must serve a commit by id, as GitHub does for one reachable from a branch), kept under
     * {@code refs/released/<version>} so that nothing prunes them.
     */
    private void fetchRefs(Source source, String where, Repository repository, Git git, UnaryOperator<FetchCommand> transport) throws IOException {
        for (org.mageos.distribution.core.config.SourceRef ref : source.getRefs()) {
            ObjectId id = ObjectId.fromString(ref.getCommit().trim());
            String name = "refs/released/" + ref.getVersion().trim();
            if (!repository.getObjectDatabase().has(id)) {
                RefSpec spec = new RefSpec("+" + id.name() + ":" + name);
                network(where, "fetch of commit " + id.name() + " (<refs><ref version=" + ref.getVersion().trim() + ">) failed", source.getUrl(),
                        () -> transport.apply(git.fetch()).setRemote(source.getUrl()).setRefSpecs(List.of(spec)).setTagOpt(TagOpt.NO_TAGS)
                                .setTimeout(NETWORK_TIMEOUT_SECONDS).call());
                log.info(source.getName() + ": commit " + id.abbreviate(12).name() + " fetched as " + ref.getVersion().trim() + " (<refs>)");
            }
            Ref local = repository.exactRef(name);
            if (local == null || !id.equals(local.getObjectId())) {
                org.eclipse.jgit.lib.RefUpdate update = repository.updateRef(name);
                update.setNewObjectId(id);
                update.setForceUpdate(true);
                update.update();
            }
        }
    }

    /** The refs a source selects: tags whose version its {@code <tags>} admits, branches its {@code <branches>} name. */
    private static Predicate<String> selection(Source source) {
        Constraint constraint = source.getTags() == null ? Constraint.MATCH_ALL : VersionParser.parseConstraints(source.getTags());
        return refName -> {
            if (refName.startsWith(Constants.R_TAGS) && !refName.endsWith("^{}")) {
                String tag = refName.substring(Constants.R_TAGS.length());
                return VersionParser.isVersion(tag) && source.selectsTagName(tag) && constraint.matches(VersionParser.normalize(tag));
            }
            return refName.startsWith(Constants.R_HEADS)
                    && BranchPattern.anyMatches(source.getBranches(), refName.substring(Constants.R_HEADS.length()));
        };
    }

    /**
     * Selected refs of the cache that the remote no longer has are removed, with a warning naming each, so that the
     * build follows the remote as Composer's VCS repositories and Satis do: a tag deleted upstream is not built
     * any more (zips already published elsewhere stay where they are).
     */
    private void removeDeletedUpstream(Predicate<String> selected, String where, Repository repository, Set<String> remoteNames) throws IOException {
        BatchRefUpdate deletes = repository.getRefDatabase().newBatchUpdate();
        for (Ref local : repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
            String name = local.getName();
            if (!remoteNames.contains(name) && selected.test(name) && !local.isSymbolic()) {
                String kind = name.startsWith(Constants.R_TAGS) ? "tag" : "branch";
                log.warn(where + ": " + kind + " '" + Repository.shortenRefName(name) + "' was deleted upstream;"
                        + " it is removed from the cache and no longer built");
                deletes.addCommand(new ReceiveCommand(local.getObjectId(), ObjectId.zeroId(), name));
            }
        }
        if (!deletes.getCommands().isEmpty()) {
            try (RevWalk walk = new RevWalk(repository)) {
                deletes.setAllowNonFastForwards(true);
                deletes.execute(walk, NullProgressMonitor.INSTANCE);
            }
            for (ReceiveCommand command : deletes.getCommands()) {
                if (command.getResult() != ReceiveCommand.Result.OK) {
                    throw new IOException("cannot remove " + command.getRefName() + ": " + command.getResult() + " " + command.getMessage());
                }
            }
        }
    }

    /** The refs a fetch asks for, for its error message: the first few by name. */
    private static String names(List<RefSpec> specs) {
        List<String> names = new ArrayList<>();
        for (RefSpec spec : specs) {
            names.add(Repository.shortenRefName(spec.getSource()));
        }
        Collections.sort(names);
        names = names.subList(0, Math.min(5, names.size()));
        return String.join(", ", names) + (specs.size() > 5 ? " and " + (specs.size() - 5) + " more" : "");
    }

    /** A call to the remote. */
    @FunctionalInterface
    private interface RemoteCall<T> {
        T call() throws GitAPIException, IOException;
    }

    /**
     * Runs a call to the remote, retrying the errors that may pass ({@link TransientErrors#isTransient}) after a growing
     * delay; any other error, or the last one, fails with a message that names the source and its URL.
     */
    private <T> T network(String where, String what, String url, RemoteCall<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.call();
            } catch (GitAPIException | IOException | RuntimeException e) {
                boolean again = attempt <= retry.retries() && TransientErrors.isTransient(e);
                if (!again) {
                    String tries = attempt > 1 ? " (" + attempt + " attempts)" : "";
                    throw new DistributionException(where + ": " + what + ": " + message(e, url) + tries + sshHint(e), e);
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

    /**
     * Opens the cached repository for writing, under its lock. What a fetch killed half-way left behind is cleaned
     * first ({@link CacheRepair}); a new repository is made beside its place and moved there whole, so that a
     * directory at that place is always a complete repository.
     */
    private Repository openOrCreate(Path dir) throws IOException, GitAPIException {
        if (!Files.isDirectory(dir.resolve("objects"))) {
            Files.createDirectories(dir.getParent());
            Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".new-");
            try (Git init = Git.init().setBare(true).setGitDir(fresh.toFile()).setInitialBranch("main").call()) {
                // git gc after many fetches runs in the fetch, under the lock, not in a thread a build's end would kill
                init.getRepository().getConfig().setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, "autoDetach", false);
                init.getRepository().getConfig().save();
            }
            CacheRepair.deleteTree(dir);
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } else {
            CacheRepair.clean(dir, log);
        }
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    /** What to check when SSH refused the host or the login: JGit's own words do not say. */
    private String sshHint(Throwable e) {
        String text = message(e);
        if (text.contains("Server key did not validate")) {
            return "; the server's host key is not in " + sshDirectory.resolve("known_hosts")
                    + " or differs from it: check the key, then add it (ssh-keyscan -p PORT HOST >> known_hosts)";
        }
        if (text.contains("Cannot log in at")) {
            return "; check the user in the URL, and the <privateKey> and <passphrase> of the source's <serverId>"
                    + " (or the keys in " + sshDirectory + ")";
        }
        return "";
    }

    /** The messages of an exception and its causes, once each, without the URL that the caller already names. */
    private static String message(Throwable e, String url) {
        return message(e).replace(redact(url) + ": ", "").replace(redactAll(url) + ": ", "").replace(url + ": ", "");
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
                // an SSH user name is no secret, and the server needs it; anything else may be a token
                String user = "ssh".equals(uri.getScheme()) && !uri.getUserInfo().contains(":") ? uri.getUserInfo() : null;
                return new URI(uri.getScheme(), user, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null).toString();
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
        return DigestUtils.sha1Hex(text);
    }
}

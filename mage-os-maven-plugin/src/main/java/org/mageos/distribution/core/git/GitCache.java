package org.mageos.distribution.core.git;

import org.mageos.distribution.core.io.Progress;
import org.mageos.distribution.core.io.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
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
    /** The longest a fetch of one source may take, all its requests and retries together. */
    private Duration deadline = DEFAULT_DEADLINE;
    /** When the fetch under way must be over (System.nanoTime), or 0 outside a fetch. */
    private long fetchEnds;
    /** The interval of a fetch's progress lines. */
    private Duration progressEvery = Progress.EVERY;
    /** Whether an empty or shallow cache of a source on a git server gets the selected refs at depth 1. */
    private boolean shallow = true;

    /** A fetch of one source that takes longer fails: a server sending a byte now and then never trips the read time-out. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(60);

    /** Threads that run calls to a remote, so that a call past the deadline can be left behind. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mage-os-fetch");
        t.setDaemon(true);
        return t;
    });

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

    /** The longest a fetch of one source may take ({@code mage-os.fetch.timeout}), its retries included. */
    public GitCache withDeadline(Duration fetchDeadline) {
        if (fetchDeadline.isNegative() || fetchDeadline.isZero()) {
            throw new DistributionException("mage-os.fetch.timeout must be more than 0 seconds, not " + fetchDeadline.toSeconds());
        }
        this.deadline = fetchDeadline;
        return this;
    }

    /** The interval of a fetch's progress lines ({@link FetchProgress}); {@link Progress#EVERY} unless a test says. */
    GitCache withProgressEvery(Duration interval) {
        this.progressEvery = interval;
        return this;
    }

    /**
     * Whether a source on a git server whose cache is empty gets only the commits of its selected refs, without their
     * history (depth 1): the build reads each tag's tree and commit, never the commits behind it. A cache fetched so
     * stays shallow: later fetches bring new refs at depth 1 too. False ({@code mage-os.fetch.shallow=false}) fetches
     * whole histories, and deepens a shallow cache to the remote's whole history. Sources on this machine and dumb HTTP
     * servers are always fetched whole.
     */
    public GitCache withShallow(boolean shallowFetch) {
        this.shallow = shallowFetch;
        return this;
    }

    /**
     * Which selected tags a build needs in the cache: a tag whose versions the published repository already serves,
     * planned from the same commit, need not be fetched.
     */
    @FunctionalInterface
    public interface TagsNeeded {

        /** Every selected tag. */
        TagsNeeded ALL = (tag, commit) -> true;

        /**
         * @param tag    the tag's name without {@code refs/tags/}
         * @param commit the commit it points to on the remote (peeled), or null when the server does not say
         */
        boolean needs(String tag, ObjectId commit);
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
        /** Selected tags not in the cache and left there ({@link TagsNeeded}). */
        public final int tagsNotNeeded;
        /** Whether the cache holds commits without their history after the fetch. */
        public final boolean shallow;

        FetchResult(int remoteTags, int selectedTags, int fetchedTags, int selectedBranches, int fetchedBranches) {
            this(remoteTags, selectedTags, fetchedTags, selectedBranches, fetchedBranches, 0, false);
        }

        FetchResult(int remoteTags, int selectedTags, int fetchedTags, int selectedBranches, int fetchedBranches, int tagsNotNeeded,
                boolean shallow) {
            this.remoteTags = remoteTags;
            this.selectedTags = selectedTags;
            this.fetchedTags = fetchedTags;
            this.selectedBranches = selectedBranches;
            this.fetchedBranches = fetchedBranches;
            this.tagsNotNeeded = tagsNotNeeded;
            this.shallow = shallow;
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
     * @param offline use the cache as it is (a source on this machine is fetched all the same); fail if the source
     *                was never fetched
     */
    public FetchResult fetch(Source source, boolean offline, GitCredentials credentials) {
        return fetch(source, offline, credentials, TagsNeeded.ALL);
    }

    /**
     * Brings the selected tags of a source that {@code needed} names into the cache, authenticating with
     * {@code credentials} when given.
     */
    public FetchResult fetch(Source source, boolean offline, GitCredentials credentials, TagsNeeded needed) {
        Path dir = repositoryDirectory(source);
        String url = source.getUrl();
        String where = "source '" + source.getName() + "' (" + redact(url) + ")";
        boolean cached = Files.isDirectory(dir.resolve("objects"));
        if (offline && onThisMachine(url) && cached && !Files.exists(localPath(url))) {
            log.info(source.getName() + ": offline, and " + redact(url) + " is not there: using the cache");
            return new FetchResult(0, 0, 0, 0, 0);
        }
        if (offline && !onThisMachine(url)) {
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
        fetchEnds = System.nanoTime() + deadline.toNanos();
        try (SshSessions ssh = new SshSessions(sshDirectory, credentials)) {
            Function<LsRemoteCommand, Collection<Ref>> list = ls -> {
                try {
                    return network(where, "cannot list the remote's tags", url, () -> ls.setRemote(url).setTags(true)
                            .setHeads(!source.getBranches().isEmpty()).setTimeout(NETWORK_TIMEOUT_SECONDS)
                            .setCredentialsProvider(provider).setTransportConfigCallback(ssh).call());
                } catch (DistributionException e) {
                    if (!(rootCause(e) instanceof NullPointerException)) {
                        throw e;
                    }
                    throw new DistributionException(where + ": cannot list the remote's tags: the server does not speak git's protocol"
                            + " (a dumb HTTP server, or no git server at all)", e);
                }
            };
            Collection<Ref> remoteRefs;
            try {
                // with HEAD, which names the remote's default branch
                remoteRefs = network(where, "cannot list the remote's tags", url,
                        () -> listRemote(url, !source.getBranches().isEmpty(), provider, ssh));
            } catch (DistributionException e) {
                if (!(rootCause(e) instanceof NullPointerException)) {
                    throw e;
                }
                // JGit reads a dumb HTTP server (static files) only with a local repository to write into: listed under the lock
                remoteRefs = null;
            }
            FetchProgress progress = new FetchProgress(log, source.getName(), new Progress(progressEvery), dir);
            return update(source, where, remoteRefs, list,
                    fetch -> fetch.setCredentialsProvider(provider).setTransportConfigCallback(ssh).setProgressMonitor(progress), needed);
        }
    }

    /**
     * Whether a source URL names a repository or bundle on this machine (a path or a {@code file:} URL), which a fetch
     * reads without the network, so also when Maven is offline; not a URL with another scheme, nor scp-like
     * {@code host:path}.
     */
    static boolean onThisMachine(String url) {
        if (url.startsWith("file:")) {
            return true;
        }
        if (url.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return false;
        }
        int colon = url.indexOf(':');
        int slash = url.indexOf('/');
        // C:\repo or C:/repo is a Windows path; anything else with a colon before the first slash is scp-like host:path
        return colon < 0 || (slash >= 0 && slash < colon) || url.matches("^[A-Za-z]:[\\\\/].*");
    }

    /** The file or folder a source on this machine names. */
    private static Path localPath(String url) {
        try {
            return url.startsWith("file:") ? Path.of(URI.create(url)) : Path.of(url);
        } catch (IllegalArgumentException e) {
            return Path.of(url.replaceFirst("^file:(//)?", ""));
        }
    }

    /**
     * The remote's tags, branches and {@code HEAD} (a symbolic ref to its default branch when the server says which):
     * {@code git ls-remote} less the other refs (pull requests and the like).
     */
    private static Collection<Ref> listRemote(String url, boolean heads, CredentialsProvider provider, SshSessions ssh) throws IOException {
        try (Transport transport = Transport.open(new URIish(url))) {
            transport.setTimeout(NETWORK_TIMEOUT_SECONDS);
            if (provider != null) {
                transport.setCredentialsProvider(provider);
            }
            ssh.configure(transport);
            // branches only when asked for: a server may fail to list a broken one
            String[] prefixes = heads ? new String[] {Constants.HEAD, Constants.R_TAGS, Constants.R_HEADS}
                    : new String[] {Constants.HEAD, Constants.R_TAGS};
            try (FetchConnection connection = transport.openFetch(List.of(), prefixes)) {
                List<Ref> refs = new ArrayList<>();
                for (Ref ref : connection.getRefs()) {
                    String name = ref.getName();
                    if (name.equals(Constants.HEAD) || name.startsWith(Constants.R_TAGS) || heads && name.startsWith(Constants.R_HEADS)) {
                        refs.add(ref);
                    }
                }
                return refs;
            }
        } catch (URISyntaxException e) {
            throw new IOException("not a git URL: " + e.getMessage(), e);
        }
    }

    /**
     * The remote's default branch ({@code refs/heads/...}), where Composer reads the package name of every version
     * (VcsRepository's root identifier, GitDriver: the remote's HEAD): the target of the advertised {@code HEAD}
     * symref, else, as git clone guesses, {@code master} when it is at HEAD's commit, else the first branch there.
     */
    static String defaultBranch(Collection<Ref> remoteRefs) {
        Ref head = null;
        for (Ref ref : remoteRefs) {
            if (ref.getName().equals(Constants.HEAD)) {
                head = ref;
            }
        }
        if (head == null) {
            return null;
        }
        if (head.isSymbolic()) {
            return head.getTarget().getName();
        }
        List<String> atHead = new ArrayList<>();
        for (Ref ref : remoteRefs) {
            if (ref.getName().startsWith(Constants.R_HEADS) && head.getObjectId() != null && head.getObjectId().equals(ref.getObjectId())) {
                atHead.add(ref.getName());
            }
        }
        Collections.sort(atHead);
        return atHead.contains(Constants.R_HEADS + Constants.MASTER) ? Constants.R_HEADS + Constants.MASTER
                : atHead.isEmpty() ? null : atHead.get(0);
    }

    /** Fetches the selected refs of {@code remoteRefs} that the cache lacks, under the lock of the cached repository. */
    private FetchResult update(Source source, String where, Collection<Ref> listed, Function<LsRemoteCommand, Collection<Ref>> list,
            UnaryOperator<FetchCommand> connect, TagsNeeded needed) {
        Path dir = repositoryDirectory(source);
        String url = source.getUrl();
        try (RepositoryLock lock = RepositoryLock.acquire(dir);
                Repository repository = openOrCreate(dir, where, selection(source));
                Git git = new Git(repository)) {
            Collection<Ref> remoteRefs = listed != null ? listed : list.apply(git.lsRemote());
            Set<ObjectId> shallowCommits = repository.getObjectDatabase().getShallowCommits();
            boolean empty = repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS).isEmpty();
            // git's pack protocol fetches by depth; a bundle or a dumb HTTP server (listed under the lock) cannot
            boolean packProtocol = listed != null && !onThisMachine(url);
            Integer depth = packProtocol && shallow && (empty || !shallowCommits.isEmpty()) ? 1 : null;
            boolean deepen = packProtocol && !shallow && !shallowCommits.isEmpty();
            UnaryOperator<FetchCommand> transport = fetch -> {
                connect.apply(fetch);
                if (depth != null) {
                    fetch.setDepth(depth);
                }
                return fetch.setUnshallow(deepen);
            };
            Map<String, ObjectId> peeled = new HashMap<>();
            for (Ref ref : remoteRefs) {
                if (ref.getName().endsWith("^{}")) {
                    peeled.put(ref.getName().substring(0, ref.getName().length() - 3), ref.getObjectId());
                } else if (ref.getPeeledObjectId() != null) {
                    peeled.put(ref.getName(), ref.getPeeledObjectId());
                }
            }
            int notNeeded = 0;
            Set<String> remoteNames = new HashSet<>();
            List<RefSpec> tagSpecs = new ArrayList<>();
            List<RefSpec> branchSpecs = new ArrayList<>();
            int tags = 0;
            int selectedTags = 0;
            int selectedBranches = 0;
            Predicate<String> selected = selection(source);
            // a single-package source names every version after its default branch's composer.json: that branch is fetched too
            String defaultBranch = source.getPackages().isEmpty() ? defaultBranch(remoteRefs) : null;
            List<RefSpec> defaultSpecs = new ArrayList<>();
            for (Ref ref : remoteRefs) {
                if (ref.getName().equals(Constants.HEAD) && ref.isSymbolic() && ref.getTarget().getName().equals(defaultBranch)
                        && !selected.test(defaultBranch) && ref.getObjectId() != null) {
                    Ref local = repository.exactRef(defaultBranch);
                    if (local == null || deepen || !ref.getObjectId().equals(local.getObjectId())) {
                        defaultSpecs.add(new RefSpec("+" + defaultBranch + ":" + defaultBranch));
                    }
                }
            }
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
                if (local == null && specs == tagSpecs
                        && !needed.needs(Repository.shortenRefName(name), peeled.getOrDefault(name, remoteId))) {
                    notNeeded++;
                    continue;
                }
                if (local == null || remoteId == null || deepen || !remoteId.equals(local.getObjectId())) {
                    specs.add(new RefSpec("+" + name + ":" + name));
                }
            }
            removeDeletedUpstream(selected, where, repository, remoteNames);
            List<RefSpec> specs = new ArrayList<>(tagSpecs);
            specs.addAll(branchSpecs);
            specs.addAll(defaultSpecs);
            if (!specs.isEmpty()) {
                try {
                    network(where, "fetch of " + names(specs) + " failed", url,
                            () -> transport.apply(git.fetch()).setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                                    .setTimeout(NETWORK_TIMEOUT_SECONDS).call());
                } catch (DistributionException e) {
                    if (specs.size() == 1 || e.getMessage().contains("mage-os.fetch.timeout")) {
                        throw e;
                    }
                    fetchOneByOne(where, url, git, specs, transport);
                } finally {
                    deleteFetchHead(repository);
                }
            }
            try {
                fetchRefs(source, where, repository, git, transport, deepen);
            } finally {
                deleteFetchHead(repository);
            }
            recordDefaultBranch(repository, defaultBranch);
            String branches = source.getBranches().isEmpty() ? "" : selectedBranches + " branches, ";
            String skipped = notNeeded == 0 ? "" : notNeeded + " not needed, ";
            String how = deepen ? " (history deepened: mage-os.fetch.shallow=false)" : depth != null ? " (depth " + depth + ")" : "";
            log.info(source.getName() + ": " + tags + " tags, " + selectedTags + " selected, " + skipped + branches
                    + (specs.isEmpty() ? "cache up-to-date" : specs.size() + " fetched" + how));
            return new FetchResult(tags, selectedTags, tagSpecs.size(), selectedBranches, branchSpecs.size(), notNeeded,
                    !repository.getObjectDatabase().getShallowCommits().isEmpty());
        } catch (DistributionException e) {
            throw e;
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new DistributionException(where + ": fetch failed: " + message(e, url), e);
        }
    }

    /** The cache's own HEAD follows the remote's default branch, so that a build (offline too) knows it. */
    private static void recordDefaultBranch(Repository repository, String defaultBranch) throws IOException {
        if (defaultBranch == null || repository.exactRef(defaultBranch) == null) {
            return;
        }
        Ref head = repository.exactRef(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().equals(defaultBranch)) {
            return;
        }
        RefUpdate update = repository.updateRef(Constants.HEAD);
        update.disableRefLog();
        RefUpdate.Result result = update.link(defaultBranch);
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot point HEAD at " + defaultBranch + ": " + result);
        }
    }

    /**
     * After a fetch of many refs failed for good (a tag pointing to an object the server lacks, say): each ref alone,
     * so that those the server can serve are in the cache, and the others are named with their own error.
     */
    private void fetchOneByOne(String where, String url, Git git, List<RefSpec> specs, UnaryOperator<FetchCommand> transport) {
        List<String> failed = new ArrayList<>();
        for (RefSpec spec : specs) {
            String name = Repository.shortenRefName(spec.getSource());
            try {
                network(where, name, url, () -> transport.apply(git.fetch()).setRemote(url).setRefSpecs(spec).setTagOpt(TagOpt.NO_TAGS)
                        .setTimeout(NETWORK_TIMEOUT_SECONDS).call());
            } catch (DistributionException e) {
                String why = e.getMessage().substring(where.length() + 2);
                failed.add(why.matches("(?is).*(not our ref|missing|not valid|does not have).*")
                        ? name + ": the server does not have the object it points to (" + why.substring(name.length() + 2) + ")" : why);
            }
        }
        if (!failed.isEmpty()) {
            throw new DistributionException(where + ": " + failed.size() + " of the " + specs.size() + " refs to fetch cannot be fetched:\n  "
                    + String.join("\n  ", failed) + "\nThe " + (specs.size() - failed.size()) + " others are in the cache. Leave the"
                    + " failing tags out (<excludeTags> of the source) or have them mended upstream.");
        }
    }

    /** FETCH_HEAD names the URL fetched, user info and all: nothing reads it, and nothing of a URL stays in the cache. */
    private static void deleteFetchHead(Repository repository) throws IOException {
        Files.deleteIfExists(repository.getDirectory().toPath().resolve("FETCH_HEAD"));
    }

    /**
     * {@code <refs>}: commits released as versions no tag names, fetched by their id when the cache lacks them (the
     * server must serve a commit by id, as GitHub does for one reachable from a branch), kept under
     * {@code refs/released/<version>} so that nothing prunes them.
     */
    private void fetchRefs(Source source, String where, Repository repository, Git git, UnaryOperator<FetchCommand> transport, boolean deepen)
            throws IOException {
        for (org.mageos.distribution.core.config.SourceRef ref : source.getRefs()) {
            ObjectId id = ObjectId.fromString(ref.getCommit().trim());
            String name = "refs/released/" + ref.getVersion().trim();
            if (!repository.getObjectDatabase().has(id) || deepen && repository.getObjectDatabase().getShallowCommits().contains(id)) {
                RefSpec spec = new RefSpec("+" + id.name() + ":" + name);
                network(where, "fetch of commit " + id.name() + " (<refs><ref version=" + ref.getVersion().trim() + ">) failed", source.getUrl(),
                        () -> transport.apply(git.fetch()).setRemote(source.getUrl()).setRefSpecs(List.of(spec)).setTagOpt(TagOpt.NO_TAGS)
                                .setTimeout(NETWORK_TIMEOUT_SECONDS).call());
                log.info(source.getName() + ": commit " + id.abbreviate(12).name() + " fetched as " + ref.getVersion().trim() + " (<refs>)");
            }
            Ref local = repository.exactRef(name);
            if (local == null || !id.equals(local.getObjectId())) {
                RefUpdate update = repository.updateRef(name);
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
                String version = VersionParser.tagVersion(tag);
                return VersionParser.isVersion(version) && source.selectsTagName(tag) && constraint.matches(VersionParser.normalize(version));
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
                return withinDeadline(where, what, call);
            } catch (DistributionException e) {
                throw e;
            } catch (GitAPIException | IOException | RuntimeException e) {
                boolean again = attempt <= retry.retries() && TransientErrors.isTransient(e)
                        && System.nanoTime() + retry.delayBefore(attempt).toNanos() < fetchEnds;
                if (!again) {
                    String tries = attempt > 1 ? " (" + attempt + " attempts)" : "";
                    throw new DistributionException(where + ": " + what + ": " + message(e, url) + tries + sshHint(e) + authHint(e, url),
                            e);
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

    /**
     * Runs a call to the remote in a thread of its own and waits for it until the fetch's deadline: a server that
     * sends a byte now and then passes the read time-out for ever. A call past the deadline is cancelled (its
     * thread interrupted) and left behind; the build fails.
     */
    private <T> T withinDeadline(String where, String what, RemoteCall<T> call) throws GitAPIException, IOException {
        long left = fetchEnds - System.nanoTime();
        Future<T> future = CALLS.submit(call::call);
        try {
            return future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DistributionException(where + ": " + what + ": no complete answer within " + deadline.toSeconds()
                    + " s (mage-os.fetch.timeout): the server is too slow or hangs", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DistributionException(where + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GitAPIException g) {
                throw g;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new DistributionException(where + ": " + what + ": " + cause, cause);
        }
    }

    /** What to check when an HTTP server asked for credentials, or refused them: JGit's own words name its API. */
    private static String authHint(Throwable e, String url) {
        String text = chain(e);
        if (text.contains("no CredentialsProvider has been registered")) {
            return " (the server asks for a user and password: give the source a <serverId> naming a <server> of settings.xml"
                    + " with <username> and <password>, or a token as <password>)";
        }
        if (text.toLowerCase(java.util.Locale.ROOT).contains("not authorized")) {
            return URI.create(url.replace(" ", "%20")).getUserInfo() != null
                    ? " (the server refused the user and password in the URL)"
                    : " (the server refused the credentials: check <username> and <password> of the source's <server> in settings.xml)";
        }
        return "";
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
     * first ({@link CacheRepair}), and a cache whose selected refs' objects cannot be read is made anew, with a
     * warning; a new repository is made beside its place and moved there whole, so that a
     * directory at that place is always a complete repository.
     */
    private Repository openOrCreate(Path dir, String where, Predicate<String> selected) throws IOException, GitAPIException {
        if (Files.isDirectory(dir.resolve("objects"))) {
            CacheRepair.clean(dir, log);
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            String damage = CacheRepair.damage(repository, selected);
            if (damage == null) {
                return repository;
            }
            repository.close();
            log.warn(where + ": the cache " + dir + " is damaged (" + damage + "): it is deleted and every selected ref fetched again");
        }
        Files.createDirectories(dir.getParent());
        Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".new-");
        try (Git init = Git.init().setBare(true).setGitDir(fresh.toFile()).setInitialBranch("main").call()) {
            // git gc after many fetches runs in the fetch, under the lock, not in a thread a build's end would kill
            init.getRepository().getConfig().setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, "autoDetach", false);
            init.getRepository().getConfig().save();
        }
        CacheRepair.deleteTree(dir);
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
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

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The messages of an exception and its causes, once each, without the URL that the caller already names. */
    private static String message(Throwable e, String url) {
        return message(e).replace(redact(url) + ": ", "").replace(redactAll(url) + ": ", "").replace(url + ": ", "");
    }

    private static String message(Throwable e) {
        return redactAll(chain(e)).replace("Authentication is required but no CredentialsProvider has been registered",
                "authentication required, and no credentials were given");
    }

    private static String chain(Throwable e) {
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
        return sb.toString();
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

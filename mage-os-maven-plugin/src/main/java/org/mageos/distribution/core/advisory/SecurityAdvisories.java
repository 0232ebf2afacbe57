package org.mageos.distribution.core.advisory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;

/**
 * The advisories of {@code <securityAdvisories>}, by package name: the YAML files of a folder, or of the default
 * branch of a git repository as the fetch step left it in the cache. Read once, when first asked for; what they were
 * read from ({@link #fingerprint()}) is known without parsing them.
 */
public final class SecurityAdvisories {

    private final String name;
    private final Path folder;
    private final GitCache cache;
    private final Source source;
    private String fingerprint;
    private Map<String, List<SecurityAdvisory>> byPackage;

    private SecurityAdvisories(String name, Path folder, GitCache cache, Source source) {
        this.name = name;
        this.folder = folder;
        this.cache = cache;
        this.source = source;
    }

    /** The project's {@code <securityAdvisories>}; null when it has none. */
    public static SecurityAdvisories of(ProjectSettings settings, DistributionLog log) {
        Path folder = settings.securityAdvisoriesFolder();
        if (folder != null) {
            return new SecurityAdvisories(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(), folder, null, null);
        }
        Source source = settings.securityAdvisoriesSource();
        if (source == null) {
            return null;
        }
        // a remote repository is named by its URL (without credentials), one on this machine by its file name only
        String url = source.getUrl();
        String name = url.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !url.startsWith("file:") ? GitCache.redact(url)
                : Path.of(url.replaceFirst("^file:(//)?", "")).getFileName().toString();
        return new SecurityAdvisories(name, null, new GitCache(settings.cache(), log), source);
    }

    /** Advisories given as they are (tests, and the deploy step's copy of the index step's). */
    public static SecurityAdvisories of(String name, List<SecurityAdvisory> advisories) {
        SecurityAdvisories result = new SecurityAdvisories(name, null, null, null);
        result.byPackage = group(advisories);
        StringBuilder sb = new StringBuilder();
        advisories.forEach(a -> sb.append(a).append('\n'));
        result.fingerprint = DigestUtils.sha1Hex(sb.toString());
        return result;
    }

    /** The source's name in {@code sources} of each advisory: the folder's name, or the repository's URL. */
    public String name() {
        return name;
    }

    /** What the advisories are read from: the commit of the repository's default branch, or the sha1 of the folder's files. */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            if (folder != null) {
                StringBuilder sb = new StringBuilder();
                files().forEach((path, bytes) -> sb.append(path).append(' ').append(DigestUtils.sha1Hex(bytes)).append('\n'));
                fingerprint = DigestUtils.sha1Hex(sb.toString());
            } else {
                try (Repository repository = cache.open(source)) {
                    fingerprint = head(repository).name();
                }
            }
        }
        return fingerprint;
    }

    /** The advisories of each package name (lower case), ordered by file path. */
    public synchronized Map<String, List<SecurityAdvisory>> byPackage() {
        if (byPackage == null) {
            List<SecurityAdvisory> all = new ArrayList<>();
            files().forEach((path, bytes) -> all.add(AdvisoryFormat.parse(path, bytes, name)));
            byPackage = group(all);
        }
        return byPackage;
    }

    private static Map<String, List<SecurityAdvisory>> group(List<SecurityAdvisory> advisories) {
        Map<String, List<SecurityAdvisory>> grouped = new TreeMap<>();
        advisories.forEach(a -> grouped.computeIfAbsent(a.packageName(), k -> new ArrayList<>()).add(a));
        grouped.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(grouped);
    }

    /** Every {@code *.yaml} file outside hidden folders, by its path relative to the source, '/'-separated, in path order. */
    private Map<String, byte[]> files() {
        Map<String, byte[]> files = new TreeMap<>();
        if (folder != null) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String relative = folder.relativize(p).toString().replace('\\', '/');
                    if (Files.isRegularFile(p) && wanted(relative)) {
                        files.put(relative, Files.readAllBytes(p));
                    }
                }
            } catch (IOException e) {
                throw new DistributionException("<securityAdvisories> " + folder + " cannot be read: " + e.getMessage(), e);
            }
            return files;
        }
        try (Repository repository = cache.open(source); RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            ObjectId head = head(repository);
            fingerprint = head.name();
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String path = tree.getPathString();
                if (wanted(path) && (tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB)) {
                    files.put(path, repository.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes());
                }
            }
        } catch (IOException e) {
            throw new DistributionException("<securityAdvisories> " + name + ": cannot read the cached repository: " + e.getMessage(), e);
        }
        return files;
    }

    private ObjectId head(Repository repository) {
        try {
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw new DistributionException("<securityAdvisories> " + name + ": the cache has no default branch of it: run the fetch goal"
                        + " (mvn package runs it) without -o once");
            }
            return head;
        } catch (IOException e) {
            throw new DistributionException("<securityAdvisories> " + name + ": cannot read the cached repository: " + e.getMessage(), e);
        }
    }

    private static boolean wanted(String path) {
        if (!path.endsWith(".yaml")) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}

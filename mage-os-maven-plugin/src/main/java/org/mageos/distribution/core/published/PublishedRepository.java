package org.mageos.distribution.core.published;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.RepositoryLocation;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * What is already published, as one input of the plan, opened once per build: the repository named by
 * {@code <publishedRepositoryUrl>} (a folder, an {@code http(s):} URL, or {@code s3://} and {@code sftp://} through the
 * deploy's client, {@link RemoteRepositories}), the output folder of earlier builds and the
 * deploy folder. The plan keeps every version they already serve ({@link #find}): from a folder, with the bytes its
 * metadata records (the zip is hashed); from a URL, as its metadata records it, without downloading the zip. The
 * nightly guard reads all of them as a client does ({@link #readers}).
 *
 * <p>For the fetch: {@link #plannedTags(String, String) plannedTags(sourceName, ConfigFingerprint.tagRules(distribution,
 * source))} gives, tag name -> commit id, the tags of a source the published repository's {@link PlanRecord}
 * ({@code mage-os-tags.json}) says were planned under the same rules and whose versions it all lists. A tag the
 * remote still points at that commit need not be fetched: left out of the cache, it is left out of the plan, and its
 * versions reach the index from the published repository (the plan leaves such a tag out even when it is in the
 * cache, so the repository is the same either way). {@code of(log, publishedRepositoryUrl)} opens it with no folder.
 */
public final class PublishedRepository implements java.io.Closeable {

    /** Nothing is published: every version is built. */
    public static final PublishedRepository NONE = new PublishedRepository(DistributionLog.SILENT, List.of(), List.of(), null, null, null);

    private final DistributionLog log;
    private final List<PublishedVersions> folders;
    private final List<RepositoryReader> readers;
    private final RemoteVersions remote;
    /** {@code <publishedRepositoryUrl>}: its reader and, when it is a folder, its versions; null when unset. */
    private final RepositoryReader published;
    private final PublishedVersions publishedFolder;
    private PlanRecord record;

    private PublishedRepository(DistributionLog log, List<PublishedVersions> folders, List<RepositoryReader> readers, RemoteVersions remote,
            RepositoryReader published, PublishedVersions publishedFolder) {
        this.log = log;
        this.folders = folders;
        this.readers = readers;
        this.remote = remote;
        this.published = published;
        this.publishedFolder = publishedFolder;
    }

    /**
     * @param log                 where a kept zip whose bytes differ from its metadata is reported
     * @param publishedRepository {@code <publishedRepositoryUrl>}, resolved (a folder, a {@code file:} or an
     *                            {@code http(s):} URL); null for none
     * @param folders             folders that serve versions which must be kept as they are (the output folder,
     *                            the deploy folder); null entries are left out
     */
    public static PublishedRepository of(DistributionLog log, String publishedRepository, Path... folders) {
        return of(log, publishedRepository, RemoteRepositories.NONE, folders);
    }

    /**
     * @param remoteRepositories opens a published repository on S3 or SFTP (the deploy's client and credentials)
     */
    public static PublishedRepository of(DistributionLog log, String publishedRepository, RemoteRepositories remoteRepositories, Path... folders) {
        List<PublishedVersions> kept = new ArrayList<>();
        List<RepositoryReader> readers = new ArrayList<>();
        RemoteVersions remote = null;
        RepositoryReader reader = null;
        PublishedVersions publishedFolder = null;
        if (publishedRepository != null) {
            reader = RepositoryReader.published(publishedRepository, remoteRepositories);
            readers.add(reader);
            Path folder = RepositoryLocation.of(publishedRepository, Path.of(""), "<publishedRepositoryUrl>").path();
            if (folder == null) {
                remote = new RemoteVersions(reader);
            } else if (Files.isDirectory(folder)) {
                publishedFolder = new PublishedVersions(folder);
                kept.add(publishedFolder);
            }
        }
        for (Path folder : folders) {
            if (folder == null) {
                continue;
            }
            kept.add(new PublishedVersions(folder));
            if (Files.isRegularFile(folder.resolve("packages.json"))) {
                readers.add(new RepositoryReader(folder.toString()));
            }
        }
        return new PublishedRepository(log, List.copyOf(kept), List.copyOf(readers), remote, reader, publishedFolder);
    }

    /**
     * The version as the first folder that serves it intact has it (metadata and zip), else as the remote published
     * repository's metadata records it (its zip is not downloaded), or null. A zip in a folder whose bytes are not
     * those of the sha1 its metadata records (changed by hand, or left half-written by a killed run) is not trusted:
     * it is reported and the next folder is asked.
     */
    public PublishedVersions.Published find(String name, String versionNormalized, String distPath) {
        for (PublishedVersions folder : folders) {
            PublishedVersions.Published existing = folder.find(name, versionNormalized, distPath);
            if (existing == null) {
                continue;
            }
            Path zip = existing.repositoryDir().resolve(distPath);
            if (intact(zip, existing.sha1())) {
                return existing;
            }
            log.warn(zip + " is not the zip its metadata records (sha1 " + existing.sha1() + "): " + name + " "
                    + existing.entry().path("version").asText(versionNormalized) + " is not kept from there");
        }
        return remote == null ? null : remote.find(name, versionNormalized, distPath);
    }

    /** Whether a file has the sha1 {@code sha1}; false when it is gone. */
    private static boolean intact(Path zip, String sha1) {
        try {
            return sha1.equals(new DigestUtils(DigestUtils.getSha1Digest()).digestAsHex(zip));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new DistributionException("Cannot read " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tags of source {@code sourceName} that need neither a fetch nor a tree walk: those the published
     * repository's {@link PlanRecord} ({@code mage-os-tags.json}) lists under the fingerprint {@code rulesFingerprint}
     * ({@code ConfigFingerprint.tagRules(distribution, source)}) and every version of which the published repository's
     * metadata lists; tag name -> commit id (40 hex digits), sorted by tag name. Such a tag is left out of the plan
     * when the cache's tag points to that commit, and need not be fetched when the remote's tag does: its versions
     * reach the index from the published repository. Empty when there is no {@code <publishedRepositoryUrl>} or no
     * record. The metadata of the packages named is read once, concurrently. Thread-safe.
     */
    public Map<String, String> plannedTags(String sourceName, String rulesFingerprint) {
        if (published == null) {
            return Map.of();
        }
        Map<String, PlanRecord.Tag> tags = record().tags(sourceName, rulesFingerprint);
        Set<String> names = new TreeSet<>();
        tags.values().forEach(t -> t.versions().forEach(v -> names.add(v.substring(0, Math.max(0, v.indexOf(' '))))));
        if (remote != null) {
            remote.prefetch(names);
        }
        Map<String, String> planned = new TreeMap<>();
        tags.forEach((tag, t) -> {
            if (t.versions().stream().allMatch(this::lists)) {
                planned.put(tag, t.commit());
            }
        });
        return planned;
    }

    /**
     * Reads now, their files at the same time, the remote published repository's metadata of the packages of these
     * versions (name -> normalized versions) that {@link #find} will ask it for: those of which no folder lists every
     * version. Without it, {@link #find} reads one package at a time on first use.
     */
    public void prefetch(Map<String, ? extends Collection<String>> versionsByName) {
        if (remote == null) {
            return;
        }
        Set<String> names = new TreeSet<>();
        versionsByName.forEach((name, versions) -> {
            if (!versions.stream().allMatch(v -> folders.stream().anyMatch(f -> f.lists(name, v)))) {
                names.add(name);
            }
        });
        remote.prefetch(names);
    }

    /** The record of the tags the published repository's builds planned, read once; empty when it has none. */
    public synchronized PlanRecord record() {
        if (record == null) {
            record = published == null ? new PlanRecord() : PlanRecord.parse(published.get(PlanRecord.FILE));
        }
        return record;
    }

    /** Whether the published repository lists a version recorded as {@code "vendor/name version"}. */
    private boolean lists(String recorded) {
        int space = recorded.indexOf(' ');
        if (space <= 0) {
            return false;
        }
        try {
            return lists(recorded.substring(0, space), VersionParser.normalize(recorded.substring(space + 1)));
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    private boolean lists(String name, String versionNormalized) {
        return publishedFolder != null ? publishedFolder.lists(name, versionNormalized)
                : remote != null && remote.lists(name, versionNormalized);
    }

    /** Every published repository, read as a client reads it. */
    public List<RepositoryReader> readers() {
        return readers;
    }

    /** Closes the connection to a published repository on S3 or SFTP. */
    @Override
    public void close() {
        if (published != null) {
            published.close();
        }
    }
}

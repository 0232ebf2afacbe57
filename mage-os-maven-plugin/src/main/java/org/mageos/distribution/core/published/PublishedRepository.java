package org.mageos.distribution.core.published;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.RepositoryLocation;

/**
 * What is already published, as one input of the plan, opened once per build: the repository named by
 * {@code <publishedRepositoryUrl>} (a folder or an {@code http(s):} URL), the output folder of earlier builds and the
 * deploy folder. The plan keeps every version they already serve ({@link #find}): from a folder, with the bytes its
 * metadata records (the zip is hashed); from a URL, as its metadata records it, without downloading the zip. The
 * nightly guard reads all of them as a client does ({@link #readers}).
 */
public final class PublishedRepository {

    /** Nothing is published: every version is built. */
    public static final PublishedRepository NONE = new PublishedRepository(DistributionLog.SILENT, List.of(), List.of(), null);

    private final DistributionLog log;
    private final List<PublishedVersions> folders;
    private final List<RepositoryReader> readers;
    private final RemoteVersions remote;

    private PublishedRepository(DistributionLog log, List<PublishedVersions> folders, List<RepositoryReader> readers, RemoteVersions remote) {
        this.log = log;
        this.folders = folders;
        this.readers = readers;
        this.remote = remote;
    }

    /**
     * @param log                 where a kept zip whose bytes differ from its metadata is reported
     * @param publishedRepository {@code <publishedRepositoryUrl>}, resolved (a folder, a {@code file:} or an
     *                            {@code http(s):} URL); null for none
     * @param folders             folders that serve versions which must be kept as they are (the output folder,
     *                            the deploy folder); null entries are left out
     */
    public static PublishedRepository of(DistributionLog log, String publishedRepository, Path... folders) {
        List<PublishedVersions> kept = new ArrayList<>();
        List<RepositoryReader> readers = new ArrayList<>();
        RemoteVersions remote = null;
        if (publishedRepository != null) {
            RepositoryReader reader = new RepositoryReader(publishedRepository);
            readers.add(reader);
            Path folder = RepositoryLocation.of(publishedRepository, Path.of(""), "<publishedRepositoryUrl>").path();
            if (folder == null) {
                remote = new RemoteVersions(reader);
            } else if (Files.isDirectory(folder)) {
                kept.add(new PublishedVersions(folder));
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
        return new PublishedRepository(log, List.copyOf(kept), List.copyOf(readers), remote);
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

    /** Every published repository, read as a client reads it. */
    public List<RepositoryReader> readers() {
        return readers;
    }
}

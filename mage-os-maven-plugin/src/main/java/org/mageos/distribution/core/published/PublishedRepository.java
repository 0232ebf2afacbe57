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

/**
 * What is already published, as one input of the plan, opened once per build: the repository named by
 * {@code <publishedRepositoryUrl>} (a folder or a URL), the output folder of earlier builds and the deploy folder.
 * The plan keeps every version the folders already serve ({@link #find}) with the bytes their metadata records; the
 * nightly guard reads all of them as a client does ({@link #readers}).
 */
public final class PublishedRepository {

    /** Nothing is published: every version is built. */
    public static final PublishedRepository NONE = new PublishedRepository(DistributionLog.SILENT, List.of(), List.of());

    private final DistributionLog log;
    private final List<PublishedVersions> folders;
    private final List<RepositoryReader> readers;

    private PublishedRepository(DistributionLog log, List<PublishedVersions> folders, List<RepositoryReader> readers) {
        this.log = log;
        this.folders = folders;
        this.readers = readers;
    }

    /**
     * @param log                 where a kept zip whose bytes differ from its metadata is reported
     * @param publishedRepository {@code <publishedRepositoryUrl>}, resolved; null for none
     * @param folders             folders that serve versions which must be kept as they are (the output folder,
     *                            the deploy folder); null entries are left out
     */
    public static PublishedRepository of(DistributionLog log, String publishedRepository, Path... folders) {
        List<PublishedVersions> kept = new ArrayList<>();
        List<RepositoryReader> readers = new ArrayList<>();
        if (publishedRepository != null) {
            readers.add(new RepositoryReader(publishedRepository));
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
        return new PublishedRepository(log, List.copyOf(kept), List.copyOf(readers));
    }

    /**
     * The version as the first folder that serves it intact has it (metadata and zip), or null. A zip whose bytes are
     * not those of the sha1 its metadata records (changed by hand, or left half-written by a killed run) is not
     * trusted: it is reported and the next folder is asked.
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
        return null;
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

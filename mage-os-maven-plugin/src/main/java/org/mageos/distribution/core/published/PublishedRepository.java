package org.mageos.distribution.core.published;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What is already published, as one input of the plan, opened once per build: the repository named by
 * {@code <publishedRepositoryUrl>} (a folder or a URL), the output folder of earlier builds and the deploy folder.
 * The plan keeps every version the folders already serve ({@link #find}); the nightly guard reads all of them as a
 * client does ({@link #readers}).
 */
public final class PublishedRepository {

    /** Nothing is published: every version is built. */
    public static final PublishedRepository NONE = new PublishedRepository(List.of(), List.of());

    private final List<PublishedVersions> folders;
    private final List<RepositoryReader> readers;

    private PublishedRepository(List<PublishedVersions> folders, List<RepositoryReader> readers) {
        this.folders = folders;
        this.readers = readers;
    }

    /**
     * @param publishedRepository {@code <publishedRepositoryUrl>}, resolved; null for none
     * @param folders             folders that serve versions which must be kept as they are (the output folder,
     *                            the deploy folder); null entries are left out
     */
    public static PublishedRepository of(String publishedRepository, Path... folders) {
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
        return new PublishedRepository(List.copyOf(kept), List.copyOf(readers));
    }

    /** The version as the first folder that serves it has it (metadata and zip), or null. */
    public PublishedVersions.Published find(String name, String versionNormalized, String distPath) {
        for (PublishedVersions folder : folders) {
            PublishedVersions.Published existing = folder.find(name, versionNormalized, distPath);
            if (existing != null) {
                return existing;
            }
        }
        return null;
    }

    /** Every published repository, read as a client reads it. */
    public List<RepositoryReader> readers() {
        return readers;
    }
}

package org.mageos.distribution.core.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.io.AtomicFiles;

/** What the package step hands to the index step: every version built, as a JSON file in the work folder. */
public final class PackageManifest {

    public List<PackagedVersion> versions = new ArrayList<>();

    /** One line (source, tag, path, reason) per version the plan skipped as Composer skips it; verify reports them. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<String> skipped = new ArrayList<>();

    /**
     * What the plan made of each tag it read ({@link org.mageos.distribution.core.published.PlanRecord#toJson}); the
     * index step publishes it, merged with the published repository's, as {@code mage-os-tags.json}. Null when none.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public com.fasterxml.jackson.databind.node.ObjectNode plannedTags;

    /** What each tag of each release holds: the sets the dependency analysis chooses from. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<TagContent> releases = new ArrayList<>();

    /** One tag of one source in one release, and the package versions it gives the release. */
    public static final class TagContent {
        public String release;
        public String source;
        public String tag;
        /** Whether it is the newest selected tag of its source. */
        public boolean newestTag;
        /** Package name -> normalized version. */
        public java.util.Map<String, String> packages = new java.util.TreeMap<>();
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeIfChanged(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    public static PackageManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DistributionException("No build manifest at " + file + ": run the package goal first (mvn package runs it)");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), PackageManifest.class);
        } catch (IOException e) {
            throw new DistributionException("Cannot read the build manifest " + file + ": " + e.getMessage(), e);
        }
    }
}

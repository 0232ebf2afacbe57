package org.mageos.distribution.core.packaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A package version the package step produced: its metadata and, unless it is a metapackage, its zip.
 * The index step reads these from the build manifest and nothing upstream of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "version", "versionNormalized", "source", "tag", "commit", "time", "distPath", "sha1", "composerJson"})
public final class PackagedVersion {

    public String name;
    public String version;
    public String versionNormalized;
    public String source;
    public String tag;
    public String commit;
    /** ISO-8601, UTC: the commit time of the tag. */
    public String time;
    /** Path of the zip relative to the repository folder, or null for a metapackage. */
    public String distPath;
    /** Hex sha1 of the zip's bytes. */
    public String sha1;
    /** The effective composer.json. */
    public ObjectNode composerJson;
}

package org.mageos.distribution.core.plan;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one tag of a source gives one release: each package's name (after a vendor rename) and normalized version.
 * The dependency analysis reads it to analyze a chosen set (a release, or the newest tag of each source).
 */
public final class ReleaseContent {

    public final String release;
    public final String source;
    public final String tag;
    /** Whether the tag is the newest selected tag of its source. */
    public final boolean newestTag;
    /** Package name -> normalized version. */
    public final Map<String, String> packages = new TreeMap<>();

    ReleaseContent(String release, String source, String tag, boolean newestTag) {
        this.release = release;
        this.source = source;
        this.tag = tag;
        this.newestTag = newestTag;
    }
}

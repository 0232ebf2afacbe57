package org.mageos.distribution.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.TagRef;

/** What a source holds: its selected tags in version order and the packages at each. */
final class SourceScan {
    final Source source;
    final int allTags;
    final List<TagRef> tags;
    final Map<TagRef, List<FoundPackage>> byTag = new LinkedHashMap<>();
    /** A single-package source: the name in its default branch's composer.json, which every version takes (or null). */
    String rootName;
    int versions;
    int reused;
    /** Selected tags left out: the published repository's record says they were planned (see SourceScanner). */
    int fromRecord;

    SourceScan(Source source, int allTags, List<TagRef> tags) {
        this.source = source;
        this.allTags = allTags;
        this.tags = tags;
    }
}

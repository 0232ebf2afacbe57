package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One git repository of the distribution: {@code <sources><source>} in the POM.
 * Defaults live here; {@link DistributionConfig#validate} checks the values once.
 */
public class Source {

    /** Used in messages and in the cache path. */
    private String name;

    /** Remote URL, local path, {@code file:} URL or git bundle. */
    private String url;

    /** A Composer constraint over tag versions; null selects every tag that is a version. */
    private String tags;

    /**
     * Branches to fetch as {@code refs/heads/NAME}: names or patterns where {@code *} matches any characters but
     * {@code /} ({@code 2.4-develop}, {@code *-develop}); empty fetches no branch.
     */
    private List<String> branches = new ArrayList<>();

    /** Globs over tag names ({@code 2.4.*}); when given, a tag must match one of them. */
    private List<String> includeTags = new ArrayList<>();

    /** Globs over tag names ({@code *-beta*}); a tag that matches one is not selected. */
    private List<String> excludeTags = new ArrayList<>();

    /** The id of a settings.xml {@code <server>} whose credentials the fetch uses; null for none. */
    private String serverId;

    /** Package rules; empty means the repository root is one package. */
    private List<PackageRule> packages = new ArrayList<>();

    /**
     * This declaration replaces the earlier {@code <source>} of the same name (one inherited from a parent POM with
     * {@code <sources combine.children="append">}), in its place.
     */
    private boolean override;

    /** Commits released as versions no tag names, built like tags of those names. */
    private List<SourceRef> refs = new ArrayList<>();

    public Source() {
    }

    public Source(String name, String url) {
        this.name = name;
        this.url = url;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public List<String> getBranches() {
        return branches;
    }

    public void setBranches(List<String> branches) {
        this.branches = branches == null ? new ArrayList<>() : branches;
    }

    public List<String> getIncludeTags() {
        return includeTags;
    }

    public void setIncludeTags(List<String> includeTags) {
        this.includeTags = includeTags == null ? new ArrayList<>() : includeTags;
    }

    public List<String> getExcludeTags() {
        return excludeTags;
    }

    public void setExcludeTags(List<String> excludeTags) {
        this.excludeTags = excludeTags == null ? new ArrayList<>() : excludeTags;
    }

    public String getServerId() {
        return serverId;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }

    public List<PackageRule> getPackages() {
        return packages;
    }

    public void setPackages(List<PackageRule> packages) {
        this.packages = packages == null ? new ArrayList<>() : packages;
    }

    public boolean isOverride() {
        return override;
    }

    public void setOverride(boolean override) {
        this.override = override;
    }

    public List<SourceRef> getRefs() {
        return refs;
    }

    public void setRefs(List<SourceRef> refs) {
        this.refs = refs == null ? new ArrayList<>() : refs;
    }

    /** Whether a tag's name passes {@link #getIncludeTags()} and {@link #getExcludeTags()} (the constraint aside). */
    public boolean selectsTagName(String tag) {
        return (includeTags.isEmpty() || includeTags.stream().anyMatch(glob -> NameGlob.matches(glob, tag)))
                && excludeTags.stream().noneMatch(glob -> NameGlob.matches(glob, tag));
    }

    /** This source with another URL (a local path resolved against the project, say); the rest is shared. */
    public Source withUrl(String newUrl) {
        Source copy = new Source(name, newUrl);
        copy.tags = tags;
        copy.includeTags = includeTags;
        copy.excludeTags = excludeTags;
        copy.serverId = serverId;
        copy.branches = branches;
        copy.packages = packages;
        copy.refs = refs;
        return copy;
    }

    @Override
    public String toString() {
        return name;
    }
}

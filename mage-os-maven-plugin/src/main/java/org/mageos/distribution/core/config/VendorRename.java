package org.mageos.distribution.core.config;

/** {@code <vendorRenames><vendorRename>}: packages of vendor {@code from} built by this distribution are named {@code to/...}. */
public class VendorRename {

    private String from;
    private String to;

    public VendorRename() {
    }

    public VendorRename(String from, String to) {
        this.from = from;
        this.to = to;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}

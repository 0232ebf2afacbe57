package org.mageos.distribution.core.composer;

import java.util.regex.Pattern;

/** Composer package names ({@code vendor/name}), validated as Composer's schema does. */
public final class PackageName {

    private static final Pattern VALID = Pattern.compile("^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$");

    private PackageName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}

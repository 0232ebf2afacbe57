package org.mageos.distribution.core.config;

import java.util.regex.Pattern;

/** A glob over a whole name (a tag, a package name): {@code *} any characters, {@code ?} one. */
public final class NameGlob {

    private NameGlob() {
    }

    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    public static boolean matches(String glob, String name) {
        return compile(glob).matcher(name).matches();
    }
}

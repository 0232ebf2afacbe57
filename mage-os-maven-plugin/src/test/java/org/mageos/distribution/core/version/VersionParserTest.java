package org.mageos.distribution.core.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Composer's own test vectors (composer/semver's PHPUnit data providers, computed by PHP); see semver/README.md. */
class VersionParserTest {

    static Stream<Arguments> rows(String file) throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = VersionParserTest.class.getResourceAsStream("/semver/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                rows.add(Arguments.of((Object[]) line.split("\t", -1)));
            }
        }
        return rows.stream();
    }

    static Stream<Arguments> normalize() throws IOException {
        return rows("normalize.tsv");
    }

    static Stream<Arguments> normalizeFailing() throws IOException {
        return rows("normalize-failing.tsv");
    }

    static Stream<Arguments> normalizeBranch() throws IOException {
        return rows("normalize-branch.tsv");
    }

    static Stream<Arguments> parseStability() throws IOException {
        return rows("parse-stability.tsv");
    }

    static Stream<Arguments> parseConstraints() throws IOException {
        return rows("parse-constraints.tsv");
    }

    static Stream<Arguments> parseConstraintsFailing() throws IOException {
        return rows("parse-constraints-failing.tsv");
    }

    static Stream<Arguments> compare() throws IOException {
        return Stream.concat(rows("compare.tsv"), rows("compare-op-aliases.tsv"));
    }

    static Stream<Arguments> satisfies() throws IOException {
        return Stream.concat(rows("satisfies.tsv"), rows("satisfies-extra.tsv"));
    }

    @ParameterizedTest(name = "normalize [{0}] = {1}")
    @MethodSource
    void normalize(String input, String expected) {
        assertEquals(expected, VersionParser.normalize(input));
    }

    @ParameterizedTest(name = "normalize [{0}] fails")
    @MethodSource
    void normalizeFailing(String input) {
        assertThrows(InvalidVersionException.class, () -> VersionParser.normalize(input));
    }

    @ParameterizedTest(name = "normalizeBranch [{0}] = {1}")
    @MethodSource
    void normalizeBranch(String input, String expected) {
        assertEquals(expected, VersionParser.normalizeBranch(input));
    }

    @ParameterizedTest(name = "parseStability [{0}] = {1}")
    @MethodSource
    void parseStability(String input, String expected) {
        assertEquals(expected, VersionParser.parseStability(input));
    }

    @ParameterizedTest(name = "parseConstraints [{0}] = {1}")
    @MethodSource
    void parseConstraints(String input, String expected) {
        assertEquals(expected, VersionParser.parseConstraints(input).toString());
    }

    @ParameterizedTest(name = "parseConstraints [{0}] fails")
    @MethodSource
    void parseConstraintsFailing(String input) {
        assertThrows(InvalidVersionException.class, () -> VersionParser.parseConstraints(input));
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @MethodSource
    void compare(String a, String op, String b, String expected) {
        assertEquals(Boolean.parseBoolean(expected), VersionComparator.compare(a, op, b));
    }

    @ParameterizedTest(name = "{0} satisfies [{1}]: {2}")
    @MethodSource
    void satisfies(String version, String constraint, String expected) {
        assertEquals(Boolean.parseBoolean(expected),
                VersionParser.parseConstraints(constraint).matches(VersionParser.normalize(version)));
    }
}

package org.mageos.distribution.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Composer's archive exclude semantics, rule by rule. Columns: .gitattributes lines (| separated), archive.exclude (| separated), path, excluded. */
class ExcludeRulesTest {

    @ParameterizedTest(name = "[{0}] [{1}] {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
        // a leading slash anchors at the package root
        "/Test export-ignore;;Test/Unit/FooTest.php;true",
        "/Test export-ignore;;Model/Test/Foo.php;false",
        "/Test export-ignore;;Tests/Foo.php;false",
        // no slash: any depth
        "Test export-ignore;;Model/Test/Foo.php;true",
        "*.md export-ignore;;README.md;true",
        "*.md export-ignore;;docs/guide.md;true",
        // '*' does not match a leading dot
        "*.md export-ignore;;.hidden.md;false",
        "* export-ignore;;.gitattributes;false",
        // a trailing slash alone counts like no slash
        "docs/ export-ignore;;docs/a.txt;true",
        "docs/ export-ignore;;src/docs/a.txt;true",
        // a slash inside: no anchor, matched as a substring of the path
        "src/tests export-ignore;;src/tests/a.php;true",
        // '*' never crosses '/'
        "/src/*.php export-ignore;;src/a/b.php;false",
        "/src/*.php export-ignore;;src/b.php;true",
        // a later rule wins; -export-ignore re-includes
        "/docs export-ignore|/docs/keep.txt -export-ignore;;docs/keep.txt;false",
        "/docs export-ignore|/docs/keep.txt -export-ignore;;docs/other.txt;true",
        "/docs/keep.txt -export-ignore|/docs export-ignore;;docs/keep.txt;true",
        // only exact two-token lines count
        "/docs export-ignore -diff;;docs/a.txt;false",
        // lines are trimmed first (BaseExcludeFilter::parseLines); comments are skipped
        "' /docs export-ignore ';;docs/a.txt;true",
        "#/docs export-ignore;;docs/a.txt;false",
        "/docs  export-ignore;;docs/a.txt;true",
        // archive.exclude comes after .gitattributes and also supports negation
        ";/build;build/x.js;true",
        ";/build|!/build/keep.js;build/keep.js;false",
        "/build -export-ignore;/build;build/x.js;true",
        "/build export-ignore;!/build;build/x.js;false",
        // braces and question marks
        "*.{md,txt} export-ignore;;a/b.txt;true",
        "file?.php export-ignore;;file1.php;true",
        "file?.php export-ignore;;file10.php;false",
        // VCS folders at any depth, whatever the rules
        ";;.git/config;true",
        ";;lib/.svn/entries;true",
        ";;lib/.gitkeep;false",
        ";;.github/workflows/ci.yml;false",
    })
    void excludes(String gitAttributes, String archiveExclude, String path, boolean excluded) {
        String attributes = gitAttributes == null ? null : gitAttributes.replace('|', '\n');
        List<String> exclude = archiveExclude == null ? List.of() : Arrays.asList(archiveExclude.split("\\|"));
        assertEquals(excluded, ExcludeRules.of(attributes, exclude).excludes(path));
    }

    /** The files below each folder of a package, to check that a folder left out as a whole leaves out each file. */
    private static final List<String> FILES = List.of("Test/Unit/FooTest.php", "Test/keep.php", "docs/a.md", "docs/api/b.md",
            "app/code/Magento/Catalog/Model/Product.php", "app/code/Magento/CatalogSearch/etc/di.xml", "app/codex/x.php", "lib/.hidden/y.php");

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // gitattributes ('; ' between lines)    | folder                         | all below left out
        "/Test export-ignore                      | Test                           | true",
        "/Test export-ignore                      | Test/Unit                      | true",
        "/Test export-ignore                      | docs                           | false",
        // a later rule re-includes a file below: the folder must be walked
        "/Test export-ignore; /Test/keep.php -export-ignore | Test             | false",
        "/Test export-ignore; /Test/keep.php -export-ignore | Test/Unit        | false",
        // a re-include before the rule that leaves the folder out does not count
        "/docs/a.md -export-ignore; /docs export-ignore | docs                 | true",
        "*.md export-ignore                       | docs                           | false",
        "docs export-ignore                       | docs/api                       | true",
        "/app/code/Magento/Catalog export-ignore  | app/code/Magento/Catalog       | true",
        "/app/code/Magento/Catalog export-ignore  | app/code/Magento/CatalogSearch | false",
        "/app/code export-ignore                  | app/codex                      | false",
        "/lib/* export-ignore                     | lib/.hidden                    | false",
    })
    void foldersLeftOutAsAWhole(String gitAttributes, String folder, boolean all) {
        ExcludeRules rules = ExcludeRules.of(gitAttributes.replace("; ", "\n"), List.of());
        assertEquals(all, rules.excludesAllBelow(folder));
        if (all) {
            FILES.stream().filter(f -> f.startsWith(folder + "/")).forEach(f -> assertEquals(true, rules.excludes(f), f));
        }
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "/app/code/Magento/Catalog, /app/code/Magento/Catalog, true",
        "/app/code/Magento/Catalog, /app/code/Magento/Catalog/Model/Product.php, true",
        "/app/code/Magento/Catalog, /app/code/Magento/CatalogSearch/etc/di.xml, false",
        "/app/code/Magento/Catalog/, /app/code/Magento/Catalog/x.php, true",
        "/.github, /.github/workflows/ci.yml, true",
        "/composer.lock, /composer.lock, true",
        "/composer.lock, /sub/composer.lock, false",
        "/a+b, /a+b/c, true",
        "/a.b, /axb/c, false",
    })
    void anchoredLiteralRulesMatchAsTheirRegex(String rule, String path, boolean matches) {
        assertEquals(matches, ExcludePattern.compile(rule).matches(path));
    }

    @ParameterizedTest(name = "{0} then [{1}]: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // gitattributes (';' between lines) | distribution excludes (';' between) | path                                   | excluded
        "''                                  | /app/code/Magento/Catalog; /lib/Foo  | app/code/Magento/Catalog/Model/A.php    | true",
        "''                                  | /app/code/Magento/Catalog; /lib/Foo  | app/code/Magento/CatalogSearch/A.php    | false",
        "''                                  | /app/code/Magento/Catalog; /lib/Foo  | lib/Foo                                 | true",
        "''                                  | /app/code/Magento/Catalog; *.md      | docs/a.md                               | true",
        "/docs export-ignore                 | /app/code/Magento/Catalog            | docs/a.md                               | true",
        "/docs export-ignore                 | /app/code/Magento/Catalog            | setup/a.php                             | false",
        // a distribution rule that re-includes: the rules are tried in order again, the last match wins
        "''                                  | /app/code; !/app/code/keep.php       | app/code/keep.php                       | false",
        "''                                  | /app/code; !/app/code/keep.php       | app/code/drop.php                       | true",
        "/app/code/keep.php export-ignore    | !/app/code/keep.php                  | app/code/keep.php                       | false",
    })
    void distributionExcludesWinAndAreFound(String gitAttributes, String distribution, String path, boolean excluded) {
        ExcludeRules rules = ExcludeRules.of(gitAttributes.replace(";", "\n"), List.of())
                .withDistributionExcludes(Arrays.stream(distribution.split(";")).map(String::trim).toList());
        assertEquals(excluded, rules.excludes(path));
    }
}

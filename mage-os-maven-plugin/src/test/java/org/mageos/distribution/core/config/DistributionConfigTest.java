package org.mageos.distribution.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mageos.distribution.core.DistributionException;

/** Each bad configuration fails with a message naming the POM element at fault. */
class DistributionConfigTest {

    private static Distribution distribution(Consumer<Distribution> change) {
        Source source = new Source("magento2", "repos/magento2");
        source.setPackages(List.of(new PackageRule("app/code/Magento/*")));
        Distribution d = new Distribution(List.of(source)).setProjectDir(Path.of("target/nonexistent-project"));
        change.accept(d);
        return d;
    }

    private static PackageRule rule(Consumer<PackageRule> change) {
        PackageRule rule = new PackageRule();
        change.accept(rule);
        return rule;
    }

    private static Release release(String version, Consumer<Release> change) {
        Release r = new Release();
        r.setVersion(version);
        change.accept(r);
        return r;
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((Consumer<Distribution>) d -> d.getSources().get(0).setPackages(List.of(rule(r -> { }))),
                        "<sources><source name=magento2><packages><package #1> has no <path> (or <base>true</base>)"),
                Arguments.of((Consumer<Distribution>) d -> d.getSources().get(0).setPackages(List.of(rule(r -> {
                    r.setBase(true);
                    r.setPath("app");
                }))), "<sources><source name=magento2><packages><package #1 path=app>: a <base>true</base> package is the repository root; it takes no <path>"),
                Arguments.of((Consumer<Distribution>) d -> d.getSources().get(0).setPackages(List.of(rule(r -> {
                    r.setPath("lib/internal/Magento/Framework");
                    r.setExcludes(List.of("../Amqp"));
                }))), "<sources><source name=magento2><packages><package #1 path=lib/internal/Magento/Framework><excludes><exclude>../Amqp"
                        + " must be a relative path inside the repository, with '/' separators"),
                Arguments.of((Consumer<Distribution>) d -> d.getSources().get(0).setPackages(List.of(rule(r -> {
                    r.setPath("app/code/*");
                    r.setComposerJson("base.json");
                }))), "<sources><source name=magento2><packages><package #1 path=app/code/*>: <composerJson> names one package, so <path> must be one folder, not a glob"),
                Arguments.of((Consumer<Distribution>) d -> d.getSources().get(0).setPackages(List.of(rule(r -> {
                    r.setBase(true);
                    r.setComposerJson("base/composer.json");
                }))), "<sources><source name=magento2><packages><package #1><composerJson>base/composer.json: no such file in target/nonexistent-project"),
                Arguments.of((Consumer<Distribution>) d -> d.setReleases(List.of(release(null, r -> { }))), "<releases><release #1> has no <version>"),
                Arguments.of((Consumer<Distribution>) d -> d.setReleases(List.of(release("2.4.7-meh", r -> { }))),
                        "<releases><release version=2.4.7-meh><version>2.4.7-meh is not a Composer version"),
                Arguments.of((Consumer<Distribution>) d -> d.setReleases(List.of(release("2.4.7", r -> { }), release("v2.4.7", r -> { }))),
                        "<releases><release version=v2.4.7> is declared twice (give each its <tags> to declare two releases of one version)"),
                Arguments.of((Consumer<Distribution>) d -> d.setCorrections(List.of(correction("magento/module-x", "1.0.2", c -> { }))),
                        "<corrections><correction #1 package=magento/module-x version=1.0.2> has no <patches>, <files> or <excludes>"),
                Arguments.of((Consumer<Distribution>) d -> d.setCorrections(List.of(correction("magento/module-x", ">=1.0 <<2", c -> c.setPatches(
                        List.of(new ComposerPatch(null, "suggest", "a/b", "*")))))),
                        "<corrections><correction #1 package=magento/module-x version=>=1.0 <<2><version>>=1.0 <<2</version>: not a Composer constraint"),
                Arguments.of((Consumer<Distribution>) d -> d.setCorrections(List.of(correction("Magento/X", "1.0", c -> { }))),
                        "<corrections><correction #1 package=Magento/X version=1.0><package> must be a package name (vendor/name, lower case)"),
                Arguments.of((Consumer<Distribution>) d -> d.setReleases(List.of(release("2.4.7", r -> r.setTags(List.of(new Release.ReleaseTag("inventory", "1.2.5")))))),
                        "<releases><release version=2.4.7><tags><tag><source>inventory</source> is not the <name> of a <source>"),
                Arguments.of((Consumer<Distribution>) d -> d.setReleases(List.of(release("2.4.7", r -> r.setPatches(List.of(
                        new ComposerPatch("magento/module-x", "autoload", "psr-4", null)))))),
                        "<releases><release version=2.4.7><patches><patch package=magento/module-x><section>autoload</section> is none of "
                                + "[conflict, extra, provide, replace, require, require-dev, suggest]"),
                Arguments.of((Consumer<Distribution>) d -> d.setReleases(List.of(release("2.4.7", r -> r.setVersionOverrides(List.of(
                        new Release.VersionOverride("magento/*", "one")))))),
                        "<releases><release version=2.4.7><versionOverrides><versionOverride packages=magento/*><version>one is not a Composer version"),
                Arguments.of((Consumer<Distribution>) d -> {
                    GeneratedPackage g = new GeneratedPackage();
                    g.setName("Magento/Product");
                    d.setGeneratedPackages(List.of(g));
                }, "<generatedPackages><generatedPackage #1 name=Magento/Product><name> must be a package name (vendor/name, lower case)"),
                Arguments.of((Consumer<Distribution>) d -> {
                    GeneratedPackage g = new GeneratedPackage();
                    g.setName("magento/product-community-edition");
                    g.setRequire(List.of("php:~8.2.0", "laminas/laminas-code:^^4"));
                    d.setGeneratedPackages(List.of(g));
                }, "<generatedPackages><generatedPackage #1 name=magento/product-community-edition><require><require>laminas/laminas-code:^^4</require>: not a Composer constraint"),
                Arguments.of((Consumer<Distribution>) d -> d.setVendorRenames(List.of(new VendorRename("magento", "Mage OS"))),
                        "<vendorRenames><vendorRename from=magento> needs <from> and <to>, both vendor names (lower case)"),
                Arguments.of((Consumer<Distribution>) d -> d.setPrebuiltPackages(List.of("zips/x.zip")),
                        "<prebuiltPackages><prebuiltPackage>zips/x.zip: no such file in target/nonexistent-project"),
                Arguments.of((Consumer<Distribution>) d -> d.setNamespaces(List.of(
                        new org.mageos.distribution.core.config.ThirdPartyNamespace("Monolog\\", "monolog/monolog", "^^3"))),
                        "<namespaces><namespace><prefix>Monolog\\</prefix><package>monolog/monolog</package><constraint>^^3</constraint> is not a Composer constraint"),
                Arguments.of((Consumer<Distribution>) d -> d.setNamespaces(List.of(
                        new org.mageos.distribution.core.config.ThirdPartyNamespace("Monolog\\", " ", "^3"))),
                        "<namespaces><namespace> needs both <prefix> and <package> (got prefix 'Monolog\\', package ' ')"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void namesThePomElementAtFault(Consumer<Distribution> change, String message) {
        DistributionException e = assertThrows(DistributionException.class, () -> DistributionConfig.validate(distribution(change)));
        // the message starts with the element at fault; some go on with the parser's reason
        assertEquals(message, e.getMessage().substring(0, Math.min(message.length(), e.getMessage().length())));
    }

    private static Correction correction(String name, String version, Consumer<Correction> edit) {
        Correction c = new Correction();
        c.setPackage(name);
        c.setVersion(version);
        edit.accept(c);
        return c;
    }
}

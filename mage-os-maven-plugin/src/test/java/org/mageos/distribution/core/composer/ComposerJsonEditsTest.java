package org.mageos.distribution.core.composer;

import org.mageos.distribution.core.io.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mageos.distribution.core.config.ComposerPatch;

class ComposerJsonEditsTest {

    private static ObjectNode json(String text) {
        try {
            return Json.parseObject(text.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /**
     * input, versions built in the release, packages whose version the release overrides, expected: only "*"
     * requirements on built packages, and any requirement on an overridden one, become the exact version.
     */
    static Stream<Arguments> pins() {
        Map<String, String> built = Map.of("magento/module-a", "1.1.6-p3", "magento/framework", "103.0.7");
        Set<String> none = Set.of();
        return Stream.of(
                Arguments.of("{'require':{'magento/module-a':'*'}}", built, none, "{'require':{'magento/module-a':'1.1.6-p3'}}"),
                // a constraint the author chose stays, unless the release overrides the package's version
                Arguments.of("{'require':{'magento/module-a':'^1.0','magento/framework':'*'}}", built, none,
                        "{'require':{'magento/module-a':'^1.0','magento/framework':'103.0.7'}}"),
                Arguments.of("{'require':{'magento/module-a':'^1.0','magento/framework':'103.0.*'}}", built, Set.of("magento/framework"),
                        "{'require':{'magento/module-a':'^1.0','magento/framework':'103.0.7'}}"),
                // a package not built in the release keeps its constraint; so do php and extensions
                Arguments.of("{'require':{'php':'*','ext-json':'*','laminas/laminas-code':'*','magento/module-b':'*'}}", built, none,
                        "{'require':{'php':'*','ext-json':'*','laminas/laminas-code':'*','magento/module-b':'*'}}"),
                // other sections are left alone
                Arguments.of("{'require-dev':{'magento/module-a':'*'},'suggest':{'magento/module-a':'for x'}}", built, none,
                        "{'require-dev':{'magento/module-a':'*'},'suggest':{'magento/module-a':'for x'}}"),
                // Composer compares names case-insensitively
                Arguments.of("{'require':{'Magento/Module-A':'*'}}", built, none, "{'require':{'Magento/Module-A':'1.1.6-p3'}}"),
                Arguments.of("{'name':'x/y'}", built, none, "{'name':'x/y'}"));
    }

    @ParameterizedTest
    @MethodSource("pins")
    void pinsRequirementsOnPackagesBuiltInTheRelease(String input, Map<String, String> built, Set<String> overridden, String expected) {
        ObjectNode in = json(input);
        ObjectNode before = in.deepCopy();
        assertEquals(json(expected), ComposerJsonEdits.pin(in, built, overridden));
        assertEquals(before, in, "the argument is left alone");
    }

    static Stream<Arguments> renames() {
        Map<String, String> renamed = Map.of("magento/module-a", "mage-os/module-a", "magento/framework", "mage-os/framework");
        return Stream.of(
                Arguments.of("{'name':'magento/module-a','require':{'magento/framework':'*','magento/zend-cache':'^1.16'}}", renamed, "103.0.7",
                        "{'name':'mage-os/module-a','require':{'mage-os/framework':'*','magento/zend-cache':'^1.16'},"
                                + "'replace':{'magento/module-a':'103.0.7'}}"),
                // every link section; an existing replace keeps its entries, renamed, and gets the old name last
                Arguments.of("{'name':'magento/module-a','require-dev':{'magento/framework':'*'},'conflict':{'magento/framework':'<1'},"
                        + "'replace':{'magento/framework':'*'},'provide':{'magento/framework':'1.0'},'suggest':{'magento/framework':'x'}}",
                        renamed, "1.0.0",
                        "{'name':'mage-os/module-a','require-dev':{'mage-os/framework':'*'},'conflict':{'mage-os/framework':'<1'},"
                                + "'replace':{'mage-os/framework':'*','magento/module-a':'1.0.0'},'provide':{'mage-os/framework':'1.0'},"
                                + "'suggest':{'mage-os/framework':'x'}}"),
                // a package not in the distribution keeps its name and gets no replace
                Arguments.of("{'name':'magento/other','require':{'magento/module-a':'*'}}", renamed, "1.0.0",
                        "{'name':'magento/other','require':{'mage-os/module-a':'*'}}"),
                Arguments.of("{'name':'magento/module-a'}", Map.of(), "1.0.0", "{'name':'magento/module-a'}"));
    }

    @ParameterizedTest
    @MethodSource("renames")
    void renamesVendorInNameAndLinksWithAReplaceBack(String input, Map<String, String> renamed, String upstream, String expected) {
        ObjectNode out = ComposerJsonEdits.rename(json(input), renamed, upstream);
        assertEquals(json(expected), out);
        assertEquals(keys(json(expected)), keys(out), "key order");
    }

    private static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of("{'require':{'a/b':'^1'}}", new ComposerPatch("x/y", "require", "c/d", "^2"), "{'require':{'a/b':'^1','c/d':'^2'}}"),
                Arguments.of("{'require':{'a/b':'^1'}}", new ComposerPatch("x/y", "require", "a/b", "1.2.3"), "{'require':{'a/b':'1.2.3'}}"),
                Arguments.of("{'require':{'a/b':'^1','c/d':'*'}}", new ComposerPatch("x/y", "require", "a/b", null), "{'require':{'c/d':'*'}}"),
                // removing the last entry drops the section; removing what is not there changes nothing
                Arguments.of("{'conflict':{'a/b':'<1'}}", new ComposerPatch("x/y", "conflict", "a/b", null), "{}"),
                Arguments.of("{'name':'x/y'}", new ComposerPatch("x/y", "suggest", "a/b", null), "{'name':'x/y'}"),
                Arguments.of("{'name':'x/y'}", new ComposerPatch("x/y", "replace", "a/b", "*"), "{'name':'x/y','replace':{'a/b':'*'}}"),
                Arguments.of("{'extra':{'map':[]}}", new ComposerPatch("x/y", "extra", "map", "[[\"a\",\"b\"]]"),
                        "{'extra':{'map':[['a','b']]}}"),
                Arguments.of("{}", new ComposerPatch("x/y", "extra", "branch-alias", "{\"dev-main\":\"1.0-dev\"}"),
                        "{'extra':{'branch-alias':{'dev-main':'1.0-dev'}}}"),
                Arguments.of("{}", new ComposerPatch("x/y", "extra", "label", "plain text"), "{'extra':{'label':'plain text'}}"));
    }

    @ParameterizedTest
    @MethodSource("patches")
    void patchesSetOrRemoveOneEntry(String input, ComposerPatch patch, String expected) {
        assertEquals(json(expected), ComposerJsonEdits.patch(json(input), List.of(patch.edit())));
    }
}

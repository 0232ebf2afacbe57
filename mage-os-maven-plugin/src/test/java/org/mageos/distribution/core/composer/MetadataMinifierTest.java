package org.mageos.distribution.core.composer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mageos.distribution.core.io.Json;

class MetadataMinifierTest {

    private static ObjectNode json(String text) throws Exception {
        return Json.parseObject(text.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void minifiesToChangedKeysAndUnsetAndExpandsBack() throws Exception {
        List<ObjectNode> versions = new ArrayList<>();
        versions.add(json("{'name':'a/b','version':'2.0.0','require':{'php':'>=8'},'type':'library','suggest':{'x/y':'z'}}"));
        versions.add(json("{'name':'a/b','version':'1.1.0','require':{'php':'>=7'},'type':'library'}"));
        versions.add(json("{'name':'a/b','version':'1.0.0','require':{'php':'>=7'},'type':'library','suggest':{'x/y':'z'}}"));
        List<ObjectNode> minified = MetadataMinifier.minify(versions);
        assertEquals(versions.get(0), minified.get(0));
        assertEquals(json("{'version':'1.1.0','require':{'php':'>=7'},'suggest':'__unset'}"), minified.get(1));
        assertEquals(json("{'version':'1.0.0','suggest':{'x/y':'z'}}"), minified.get(2));
        assertEquals(versions, MetadataMinifier.expand(minified));
    }
}

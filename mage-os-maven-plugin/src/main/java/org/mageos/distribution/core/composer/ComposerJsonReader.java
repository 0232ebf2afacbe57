package org.mageos.distribution.core.composer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Reads a composer.json from git as Composer's {@code VcsDriver::getBaseComposerInformation} does: PHP's
 * {@code json_decode($json, true)} (a repeated key is no error, the last one wins; nesting up to 512; the text
 * must be UTF-8 with no byte order mark, and nothing may follow the value), an empty or {@code "0"} file, an
 * empty object or array and a scalar count as no composer.json at all.
 */
public final class ComposerJsonReader {

    /** PHP's default {@code json_decode} depth. */
    static final int MAX_DEPTH = 512;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ComposerJsonReader() {
    }

    /** What a composer.json blob holds for Composer. */
    public static final class Result {
        /** the object, or null */
        public final ObjectNode json;
        /** why it cannot be read (Composer skips the version), or null */
        public final String error;

        private Result(ObjectNode json, String error) {
            this.json = json;
            this.error = error;
        }

        /** Composer reads no package from it, as if there were no composer.json. */
        public boolean isNone() {
            return json == null && error == null;
        }
    }

    public static Result read(byte[] bytes) {
        if (bytes.length == 0 || (bytes.length == 1 && bytes[0] == '0')) {
            return new Result(null, null);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new Result(null, "does not contain valid JSON: a byte order mark (BOM) starts the file");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return new Result(null, "is not UTF-8, could not parse as JSON");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "");
            int nl = message.indexOf('\n');
            return new Result(null, "does not contain valid JSON: " + (nl < 0 ? message : message.substring(0, nl))
                    + (at != null ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : ""));
        } catch (IOException e) {
            return new Result(null, "cannot be read: " + e.getMessage());
        }
        if (node == null || node.isNull() || node.isValueNode() || node.isEmpty()) {
            return new Result(null, null);
        }
        if (!node.isObject()) {
            return new Result(null, "is a JSON list, not an object");
        }
        if (hasLoneSurrogate(node)) {
            // json_decode fails on an escaped UTF-16 surrogate without its pair (JSON_ERROR_UTF16)
            return new Result(null, "does not contain valid JSON: single unpaired UTF-16 surrogate");
        }
        return new Result((ObjectNode) node, null);
    }

    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return loneSurrogate(node.textValue());
        }
        Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, JsonNode> f = fields.next();
            if (loneSurrogate(f.getKey()) || hasLoneSurrogate(f.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasLoneSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}

package org.mageos.distribution.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;

/** The configuration described as text, and the fingerprints records of earlier runs are checked against. */
public final class ConfigFingerprint {

    /** Change this whenever what the plan yields from a tag under the same rules changes. */
    static final String TAG_RULES_FORMAT = "mage-os-tag-rules-1";

    private ConfigFingerprint() {
    }

    /**
     * What the plan yields from one tag of {@code source} depends on, besides the tag's commit, as a sha1 (hex): the
     * source's package rules and {@code <refs>}, and what the distribution does with every tag (releases, generated
     * packages, vendor renames, corrections, pinned requirements, whether nightlies are built). A record of the
     * versions a tag yielded is good for as long as this fingerprint stays. Machine paths (the project folder, the
     * source's URL) are not part of it: the same POM gives the same fingerprint on every runner.
     */
    public static String tagRules(Distribution distribution, Source source) {
        StringBuilder sb = new StringBuilder(TAG_RULES_FORMAT).append('\n');
        sb.append("source ").append(source.getName()).append('\n');
        sb.append("packages ").append(describe(source.getPackages())).append('\n');
        sb.append("refs ").append(describe(source.getRefs())).append('\n');
        sb.append("releases ").append(describe(distribution.getReleases())).append('\n');
        sb.append("generated ").append(describe(distribution.getGeneratedPackages())).append('\n');
        sb.append("renames ").append(describe(distribution.getVendorRenames())).append('\n');
        sb.append("corrections ").append(describe(distribution.getCorrections())).append('\n');
        sb.append("pin ").append(distribution.isPinRequirements()).append('\n');
        sb.append("nightlies ").append(distribution.getSources().stream().anyMatch(s -> !s.getBranches().isEmpty())).append('\n');
        return DigestUtils.sha1Hex(sb.toString());
    }

    /**
     * Every field of the configuration, read by reflection so that a setting added to the configuration classes
     * later is covered without a change here.
     */
    public static String describe(Object value) {
        StringBuilder sb = new StringBuilder();
        describe(value, sb);
        return sb.toString();
    }

    private static void describe(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Collection) {
            sb.append('[');
            for (Object item : (Collection<?>) value) {
                describe(item, sb);
                sb.append(',');
            }
            sb.append(']');
        } else if (value instanceof Map) {
            sb.append('{');
            new TreeMap<>((Map<?, ?>) value).forEach((k, v) -> {
                describe(k, sb);
                sb.append('=');
                describe(v, sb);
                sb.append(',');
            });
            sb.append('}');
        } else if (value.getClass().getPackageName().startsWith(Distribution.class.getPackageName())) {
            sb.append(value.getClass().getName()).append('(');
            for (Field field : fields(value.getClass())) {
                sb.append(field.getName()).append('=');
                try {
                    field.setAccessible(true);
                    describe(field.get(value), sb);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    sb.append("? ").append(System.nanoTime());
                }
                sb.append(';');
            }
            sb.append(')');
        } else {
            String text = String.valueOf(value);
            sb.append(text.length()).append(':').append(text);
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()).forEach(fields::add);
        }
        fields.sort(Comparator.comparing((Field f) -> f.getDeclaringClass().getName()).thenComparing(Field::getName));
        return fields;
    }
}

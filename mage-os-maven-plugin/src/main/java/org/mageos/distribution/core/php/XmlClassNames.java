package org.mageos.distribution.core.php;

import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The class names in Magento's configuration files (etc/*.xml: di.xml, events.xml, webapi.xml, crontab.xml,
 * system.xml...): the attributes that name a class ({@code <preference for type>}, {@code <type name>},
 * {@code <virtualType type>}, {@code <plugin type>}, {@code <observer instance>}, {@code <service class>},
 * {@code <job instance>}) and the text of {@code xsi:type="object"} arguments and {@code *_model} elements.
 * Only values shaped like a namespaced class name count; a file that is no well-formed XML is reported, and
 * what was read before the error is kept.
 */
public final class XmlClassNames {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("for", "type", "instance", "class", "helper");
    /** Argument types whose text is a class ({@code object}) or a class constant ({@code const}, {@code Class::NAME}). */
    private static final Set<String> CLASS_ARGUMENTS = Set.of("object", "const");
    private static final Pattern CLASS_NAME = Pattern.compile("\\\\?[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*(\\\\[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*)+");

    private static final XMLInputFactory FACTORY = newFactory();

    private XmlClassNames() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    public static PhpReferences scan(byte[] xml) {
        PhpReferences refs = new PhpReferences();
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            boolean textIsClass = false;
            StringBuilder text = new StringBuilder();
            java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = reader.getLocalName();
                    String parent = open.peek();
                    for (int a = 0; a < reader.getAttributeCount(); a++) {
                        String ns = reader.getAttributeNamespace(a);
                        if (ns != null && !ns.isEmpty()) {
                            continue;
                        }
                        String attribute = reader.getAttributeLocalName(a);
                        String value = reader.getAttributeValue(a);
                        if (CLASS_ATTRIBUTES.contains(attribute) || (attribute.equals("name") && element.equals("type"))) {
                            add(refs, value);
                        }
                        if (element.equals("module") && attribute.equals("name") && MagentoModules.isModuleName(value.trim())) {
                            if ("sequence".equals(parent)) {
                                refs.modules.add(value.trim()); // module.xml: loaded after that module
                            } else if ("config".equals(parent)) {
                                refs.declaredModules.add(value.trim());
                            }
                        }
                        MagentoModules.references(value, refs.modules);
                    }
                    open.push(element);
                    textIsClass = isClassArgument(reader.getAttributeValue(XSI, "type")) || element.endsWith("_model")
                            || element.equals("model");
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.poll();
                    if (textIsClass) {
                        add(refs, text.toString());
                    }
                    if (text.length() > 0) {
                        MagentoModules.references(text, refs.modules);
                    }
                    text.setLength(0);
                    textIsClass = false;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            refs.problems.add("not well-formed XML: " + e.getMessage().replaceAll("\\s+", " "));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the in-memory input
                }
            }
        }
        return refs;
    }

    private static boolean isClassArgument(String type) {
        return type != null && CLASS_ARGUMENTS.contains(type);
    }

    private static void add(PhpReferences refs, String value) {
        String name = value.trim();
        int member = name.indexOf("::");
        if (member > 0) {
            name = name.substring(0, member); // Class::method in system.xml and crontab.xml
        }
        if (CLASS_NAME.matcher(name).matches()) {
            refs.classes.add(name.charAt(0) == '\\' ? name.substring(1) : name);
        }
    }
}

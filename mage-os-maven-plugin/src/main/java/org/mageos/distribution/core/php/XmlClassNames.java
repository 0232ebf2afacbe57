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
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("for", "type", "instance", "class");
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
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = reader.getLocalName();
                    for (int a = 0; a < reader.getAttributeCount(); a++) {
                        String ns = reader.getAttributeNamespace(a);
                        if (ns != null && !ns.isEmpty()) {
                            continue;
                        }
                        String attribute = reader.getAttributeLocalName(a);
                        if (CLASS_ATTRIBUTES.contains(attribute) || (attribute.equals("name") && element.equals("type"))) {
                            add(refs, reader.getAttributeValue(a));
                        }
                    }
                    textIsClass = "object".equals(reader.getAttributeValue(XSI, "type")) || element.endsWith("_model");
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (textIsClass) {
                        text.append(reader.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (textIsClass) {
                        add(refs, text.toString());
                    }
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

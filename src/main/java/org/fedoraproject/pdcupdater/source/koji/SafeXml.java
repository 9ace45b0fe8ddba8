package org.fedoraproject.pdcupdater.source.koji;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * StAX input factories that cannot be made to read files, open URLs or expand entities.
 *
 * <p>XML-RPC has no use for a DOCTYPE, so DTDs are off altogether (no entity declarations means
 * no billion laughs) and {@link XmlRpcReader} refuses any document that carries one. External
 * entities are off and the resolver refuses every lookup, so XXE fails even if a property is
 * ignored by some parser. The JDK's built-in parser is used on purpose ({@code newDefaultFactory}),
 * not whatever StAX implementation happens to be on the class path, so these settings are known
 * to take effect.
 */
final class SafeXml {

    private SafeXml() {
    }

    /** A fresh factory per document: factories are not specified to be thread-safe and are cheap. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return factory;
    }
}

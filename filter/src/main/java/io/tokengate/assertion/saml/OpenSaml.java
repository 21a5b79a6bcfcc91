package io.tokengate.assertion.saml;

import javax.xml.namespace.QName;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Marshaller;
import org.opensaml.core.xml.io.Unmarshaller;

/**
 * The initialised OpenSAML library, as an object to inject into whatever reads or writes SAML.
 * Constructing one runs {@link InitializationService#initialize()} the first time in this class
 * loader and does nothing afterwards, so any number of instances may be made. OpenSAML keeps its
 * builders, marshallers and unmarshallers in a process-wide registry; this class is the one place
 * that touches that global state, and it is thread-safe.
 */
public final class OpenSaml {
    /** OpenSAML's registry is global; so is the fact that it has been filled. */
    private static final Object LOCK = new Object();
    private static boolean initialized;
    private static final String IGNORE_LINE_BREAKS = "org.apache.xml.security.ignoreLineBreaks";

    /**
     * Initialises OpenSAML unless this class loader already has.
     *
     * @throws IllegalStateException when OpenSAML cannot be initialised, for example because a
     *         run-time dependency such as HttpClient 4 or metrics-core is missing
     */
    public OpenSaml() {
        synchronized (LOCK) {
            if (!initialized) {
                // OpenSAML sets this too, but only after xmlsec's XMLUtils may have read it; without it
                // xmlsec 4 wraps base64 values with CR LF, which serialise as "&#13;" in the XML.
                if (System.getProperty(IGNORE_LINE_BREAKS) == null) {
                    System.setProperty(IGNORE_LINE_BREAKS, "true");
                }
                try {
                    InitializationService.initialize();
                } catch (InitializationException | RuntimeException | LinkageError e) {
                    throw new IllegalStateException("OpenSAML could not be initialised: " + e, e);
                }
                initialized = true;
            }
        }
    }

    /** A new, empty SAML or XML-DSig object of the given element name, e.g. {@code Assertion.DEFAULT_ELEMENT_NAME}. */
    @SuppressWarnings("unchecked")
    public <T extends XMLObject> T build(QName elementName) {
        var builder = XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(elementName);
        if (builder == null) {
            throw new IllegalArgumentException("OpenSAML has no builder for " + elementName);
        }
        return (T) builder.buildObject(elementName);
    }

    /** The marshaller for {@code object}, never {@code null}. */
    Marshaller marshaller(XMLObject object) {
        Marshaller marshaller = XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object);
        if (marshaller == null) {
            throw new IllegalArgumentException("OpenSAML has no marshaller for " + object.getElementQName());
        }
        return marshaller;
    }

    /** The unmarshaller for the element, or {@code null} when OpenSAML does not know it. */
    Unmarshaller unmarshaller(org.w3c.dom.Element element) {
        return XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element);
    }
}

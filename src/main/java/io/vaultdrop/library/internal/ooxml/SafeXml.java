package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A hardened StAX reader for the small package parts the validator inspects: the JDK's own
 * implementation (never one found on the class path), no DTD support, no external entities, a
 * resolver that refuses everything, and any {@code <!DOCTYPE>} at all refused. Callers also cap the
 * bytes the reader can see.
 */
final class SafeXml {

  private final XMLInputFactory factory;

  SafeXml() {
    factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    factory.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resources are not resolved");
        });
  }

  /** Calls {@code visitor} for every element start, after refusing any DTD. */
  void read(InputStream in, ElementVisitor visitor, String invalidReason)
      throws RejectedPackageException, IOException {
    XMLStreamReader reader;
    try {
      reader = factory.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw rethrow(e, invalidReason);
    }
    try {
      int depth = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new RejectedPackageException(Reasons.DOCTYPE);
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          visitor.start(reader, depth);
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw rethrow(e, invalidReason);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing held: the stream belongs to the caller
      }
    }
  }

  /** An I/O failure or a refusal from the stream below wins over "not valid XML". */
  private static IOException rethrow(Exception e, String invalidReason) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        return io;
      }
      if (cause instanceof XMLStreamException stream && stream.getNestedException() != null) {
        Throwable nested = stream.getNestedException();
        if (nested instanceof IOException io) {
          return io;
        }
      }
    }
    return new RejectedPackageException(invalidReason);
  }

  /** Sees each element start; {@code depth} is 1 for the root. */
  @FunctionalInterface
  interface ElementVisitor {
    void start(XMLStreamReader reader, int depth) throws RejectedPackageException;
  }
}

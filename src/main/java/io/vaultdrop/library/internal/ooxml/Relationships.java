package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;

/** Reads the relationships of one {@code .rels} part (OPC). */
final class Relationships {

  private static final String NAMESPACE =
      "http://schemas.openxmlformats.org/package/2006/relationships";

  /** One relationship; {@code external} when {@code TargetMode="External"}. */
  record Relationship(String type, String target, boolean external) {}

  private Relationships() {}

  static List<Relationship> parse(InputStream in, SafeXml xml) throws IOException {
    List<Relationship> relationships = new ArrayList<>();
    xml.read(
        in,
        (reader, depth) -> {
          if (depth == 1) {
            if (!isElement(reader, "Relationships")) {
              throw invalid();
            }
          } else if (depth == 2 && isElement(reader, "Relationship")) {
            String type = reader.getAttributeValue(null, "Type");
            String target = reader.getAttributeValue(null, "Target");
            String mode = reader.getAttributeValue(null, "TargetMode");
            if (type == null || target == null) {
              throw invalid();
            }
            boolean external = mode != null && !mode.strip().equalsIgnoreCase("Internal");
            relationships.add(new Relationship(type.strip(), target.strip(), external));
          }
        },
        Reasons.BAD_RELATIONSHIPS);
    return relationships;
  }

  private static boolean isElement(XMLStreamReader reader, String localName) {
    return NAMESPACE.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
  }

  private static RejectedPackageException invalid() {
    return new RejectedPackageException(Reasons.BAD_RELATIONSHIPS);
  }
}

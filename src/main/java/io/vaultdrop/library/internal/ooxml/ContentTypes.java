package io.vaultdrop.library.internal.ooxml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamReader;

/**
 * The package's {@code [Content_Types].xml} (ECMA-376 Part 2, OPC): default content types by
 * extension and overrides by part name, both matched case-insensitively as OPC requires. Content
 * types are normalised to lower case without parameters.
 */
final class ContentTypes {

  static final String PART_NAME = "[Content_Types].xml";
  private static final String NAMESPACE =
      "http://schemas.openxmlformats.org/package/2006/content-types";

  private final Map<String, String> defaults = new HashMap<>();
  private final Map<String, String> overrides = new HashMap<>();

  private ContentTypes() {}

  static ContentTypes parse(InputStream in, SafeXml xml) throws IOException {
    ContentTypes types = new ContentTypes();
    xml.read(
        in,
        (reader, depth) -> {
          if (depth == 1) {
            if (!isElement(reader, "Types")) {
              throw invalid();
            }
          } else if (depth == 2 && isElement(reader, "Default")) {
            String extension = required(reader, "Extension");
            types.defaults.put(
                extension.toLowerCase(Locale.ROOT), normalise(required(reader, "ContentType")));
          } else if (depth == 2 && isElement(reader, "Override")) {
            String part = required(reader, "PartName");
            types.overrides.put(
                EntryNames.key(stripSlash(part)), normalise(required(reader, "ContentType")));
          }
        },
        Reasons.BAD_CONTENT_TYPES);
    return types;
  }

  /** The content type of the part stored under ZIP entry {@code entryName}. */
  Optional<String> of(String entryName) {
    String override = overrides.get(EntryNames.key(entryName));
    if (override != null) {
      return Optional.of(override);
    }
    int slash = entryName.lastIndexOf('/');
    int dot = entryName.lastIndexOf('.');
    if (dot <= slash) {
      return Optional.empty();
    }
    return Optional.ofNullable(defaults.get(entryName.substring(dot + 1).toLowerCase(Locale.ROOT)));
  }

  /** Every declared content type, defaults and overrides. */
  Iterable<String> declared() {
    List<String> all = new ArrayList<>(defaults.values());
    all.addAll(overrides.values());
    return all;
  }

  static String normalise(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }

  private static String stripSlash(String partName) {
    return partName.startsWith("/") ? partName.substring(1) : partName;
  }

  private static boolean isElement(XMLStreamReader reader, String localName) {
    return NAMESPACE.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
  }

  private static String required(XMLStreamReader reader, String attribute)
      throws RejectedPackageException {
    String value = reader.getAttributeValue(null, attribute);
    if (value == null || value.isBlank()) {
      throw invalid();
    }
    return value;
  }

  private static RejectedPackageException invalid() {
    return new RejectedPackageException(Reasons.BAD_CONTENT_TYPES);
  }
}

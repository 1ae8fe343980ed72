package io.vaultdrop.library.internal.ooxml;

/**
 * Recognises what a file is from its first bytes, to explain a refusal: an Office Open XML package
 * must begin with a ZIP local file header ({@code PK\3\4}); anything else is named when it can be
 * (legacy OLE2 Office file, executable, HTML, PDF).
 */
final class FileSignatures {

  /** How many leading bytes {@link #requireZip} looks at. */
  static final int HEAD_LENGTH = 64;

  private FileSignatures() {}

  /**
   * @param head the first {@code length} bytes of the file (fewer only if the file is shorter)
   * @throws RejectedPackageException unless they start a ZIP local file header
   */
  static void requireZip(byte[] head, int length) throws RejectedPackageException {
    if (length == 0) {
      throw new RejectedPackageException(Reasons.EMPTY);
    }
    if (startsWith(head, length, 0x50, 0x4B, 0x03, 0x04)) {
      return;
    }
    throw new RejectedPackageException(explain(head, length));
  }

  private static String explain(byte[] head, int length) {
    if (startsWith(head, length, 0xD0, 0xCF, 0x11, 0xE0)) {
      return Reasons.LEGACY_OFFICE;
    }
    if (startsWith(head, length, 0x4D, 0x5A) // MZ: Windows PE / DOS
        || startsWith(head, length, 0x7F, 0x45, 0x4C, 0x46) // ELF
        || startsWith(head, length, 0xFE, 0xED, 0xFA, 0xCE) // Mach-O
        || startsWith(head, length, 0xFE, 0xED, 0xFA, 0xCF)
        || startsWith(head, length, 0xCE, 0xFA, 0xED, 0xFE)
        || startsWith(head, length, 0xCF, 0xFA, 0xED, 0xFE)
        || startsWith(head, length, 0xCA, 0xFE, 0xBA, 0xBE) // Mach-O fat binary, Java class
        || startsWith(head, length, 0x23, 0x21)) { // #! script
      return Reasons.EXECUTABLE;
    }
    if (startsWith(head, length, 0x25, 0x50, 0x44, 0x46)) {
      return Reasons.PDF;
    }
    if (startsWith(head, length, 0x7B, 0x5C, 0x72, 0x74, 0x66)) {
      return Reasons.RTF;
    }
    if (startsWith(head, length, 0x50, 0x4B, 0x05, 0x06)) {
      return Reasons.EMPTY_ZIP;
    }
    if (startsWith(head, length, 0x50, 0x4B)) {
      return Reasons.DAMAGED;
    }
    if (looksLikeMarkup(head, length)) {
      return Reasons.HTML;
    }
    return Reasons.NOT_ZIP;
  }

  /** Optional byte-order mark, optional white space, then {@code <}. */
  private static boolean looksLikeMarkup(byte[] head, int length) {
    int i = 0;
    if (startsWith(head, length, 0xEF, 0xBB, 0xBF)) {
      i = 3;
    } else if (startsWith(head, length, 0xFF, 0xFE) || startsWith(head, length, 0xFE, 0xFF)) {
      // UTF-16: skip the mark and the zero bytes of ASCII characters.
      for (i = 2; i < length; i++) {
        int b = head[i] & 0xFF;
        if (b != 0 && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return b == '<';
        }
      }
      return false;
    }
    for (; i < length; i++) {
      int b = head[i] & 0xFF;
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '<';
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] head, int length, int... prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

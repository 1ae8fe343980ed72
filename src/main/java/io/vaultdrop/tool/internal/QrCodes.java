package io.vaultdrop.tool.internal;

import io.nayuki.qrcodegen.QrCode;

/** Renders text as an inline SVG QR code (server-side, no script). */
public final class QrCodes {

  private static final int BORDER = 4;

  private QrCodes() {}

  /**
   * An {@code <svg>} element of the QR code of {@code text}. The markup is built only from the
   * module grid, never from the text, so it is safe to insert unescaped.
   */
  public static String svg(String text, String label) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tool-qr\" role=\"img\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" shape-rendering=\"crispEdges\"><title>"
        + escape(label)
        + "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
        + path
        + "\" fill=\"#000\"/></svg>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

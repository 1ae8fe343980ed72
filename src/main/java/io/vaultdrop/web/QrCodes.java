package io.vaultdrop.web;

import io.nayuki.qrcodegen.QrCode;

/** Renders text (a link, a key file) as an inline SVG QR code: server-side, no script, no CDN. */
public final class QrCodes {

  private static final int BORDER = 4;

  private QrCodes() {}

  /**
   * An {@code <svg class="qr">} element of the QR code of {@code text}, labelled {@code label} for
   * screen readers. The markup is built from the module grid and the escaped label only, never from
   * the text, so it is safe to insert unescaped.
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
    String escaped = escape(label);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\""
        + escaped
        + "\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" shape-rendering=\"crispEdges\"><title>"
        + escaped
        + "</title><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\""
        + path
        + "\"/></svg>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}

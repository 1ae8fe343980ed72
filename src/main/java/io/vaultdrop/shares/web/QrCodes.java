package io.vaultdrop.shares.web;

import io.nayuki.qrcodegen.QrCode;
import java.net.URI;

/**
 * The QR code of a link as an inline SVG document. The output contains only numbers and fixed
 * markup (the link itself is not echoed), so it is safe to insert unescaped.
 */
final class QrCodes {

  private static final int BORDER = 4;

  private QrCodes() {}

  static String svg(URI link, String label) {
    QrCode qr = QrCode.encodeText(link.toString(), QrCode.Ecc.MEDIUM);
    int size = qr.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"share-qr\" role=\"img\""
        + " aria-label=\""
        + escape(label)
        + "\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        + "<path fill=\"#000000\" d=\""
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

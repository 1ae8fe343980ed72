package webtest;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoint wiring the foundation end to end the way features will: a streamed multipart
 * part goes straight into the object cipher, whose ciphertext goes straight into the blob store. It
 * returns the data key so the test can decrypt; a real feature never does.
 */
@RestController
public class EncryptedUploadEndpoint {

  private final StreamingMultipart multipart;
  private final ObjectCipher cipher;
  private final BlobStore blobs;

  EncryptedUploadEndpoint(StreamingMultipart multipart, ObjectCipher cipher, BlobStore blobs) {
    this.multipart = multipart;
    this.cipher = cipher;
    this.blobs = blobs;
  }

  @PostMapping("/api/test/encrypted-upload")
  Map<String, Object> upload(HttpServletRequest request) throws Exception {
    return multipart
        .receive(
            request,
            (file, fields) -> {
              CipherSuite suite = CipherSuite.valueOf(fields.first("suite").orElseThrow());
              DataKey key = DataKey.generate();
              try (BlobWriter writer = blobs.create()) {
                byte[] associatedData = writer.id().value().getBytes(StandardCharsets.UTF_8);
                try (OutputStream out =
                    cipher.encrypt(writer.stream(), suite, key, "test", associatedData)) {
                  file.content().transferTo(out);
                }
                BlobInfo stored = writer.commit();
                return Map.<String, Object>of(
                    "blobId", stored.id().value(),
                    "key", HexFormat.of().formatHex(key.exportSecretBytes()));
              }
            })
        .value();
  }
}

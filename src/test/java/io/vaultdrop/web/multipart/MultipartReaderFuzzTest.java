package io.vaultdrop.web.multipart;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Arbitrary bodies may only end in a complete read or a {@link MalformedMultipartException}: any
 * other exception, or a hang, is a bug. Runs its seed corpus in every {@code mvn test}; {@code
 * JAZZER_FUZZ=1} fuzzes for real.
 */
class MultipartReaderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read_arbitraryBodies_failOnlyAsMalformed(FuzzedDataProvider data) throws IOException {
    String boundary = data.consumeBoolean() ? "b" : "--x-7MA4YWxk";
    int readSize = data.consumeInt(1, 70_000);
    byte[] body = data.consumeRemainingAsBytes();
    try {
      MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), boundary);
      byte[] buffer = new byte[readSize];
      int parts = 0;
      for (MultipartPart part; (part = reader.next()) != null; parts++) {
        InputStream content = part.content();
        while (content.read(buffer) >= 0) {
          // Drain.
        }
      }
      if (parts > body.length) {
        throw new AssertionError("more parts than bytes");
      }
    } catch (MalformedMultipartException expected) {
      // The only acceptable failure.
    }
  }
}

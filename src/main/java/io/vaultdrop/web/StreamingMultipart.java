package io.vaultdrop.web;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.web.multipart.MalformedMultipartException;
import io.vaultdrop.web.multipart.MultipartPart;
import io.vaultdrop.web.multipart.MultipartReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code multipart/form-data} uploads as a stream (Spring's multipart support is off): the
 * file part goes straight from the socket to a {@link MultipartHandler}; nothing is buffered,
 * spooled to disk or written to a temporary file.
 *
 * <p>Limits, all answered with problem+json: the file part may hold at most the given number of
 * bytes, counted while streaming (and a {@code Content-Length} that cannot fit is refused before
 * reading); at most {@value #MAX_PARTS} parts, {@value MultipartReader#MAX_HEADER_BYTES} bytes of
 * headers per part, text fields of at most {@value #MAX_FIELD_BYTES} bytes, part names of at most
 * {@value #MAX_NAME_LENGTH} characters from {@code [A-Za-z0-9_.-]}. Too large → 413 {@code
 * too_large}; no file part, a second file part, a bad name or a broken body → 400; not multipart →
 * 415.
 *
 * <p>Instead of the file part, a create call may name a finished resumable upload: a JSON body
 * {@code {"uploadId": "…", …}} (its other members become the fields), or a form field {@code
 * uploadId} with no file part (the web pages after a tus upload). The handler then reads the
 * upload's content as if it were the file part; see {@link FinishedUploads}.
 */
@Component
public final class StreamingMultipart {

  public static final String DEFAULT_FILE_PART = "file";
  public static final String UPLOAD_ID_FIELD = "uploadId";
  public static final int MAX_PARTS = 20;
  public static final int MAX_FIELD_BYTES = 8 * 1024;
  public static final int MAX_NAME_LENGTH = 64;
  private static final long PART_OVERHEAD = 1024;
  private static final Pattern NAME_PARAMETER =
      Pattern.compile(";\\s*name\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILENAME_PARAMETER =
      Pattern.compile(";\\s*filename\\s*=", Pattern.CASE_INSENSITIVE);

  private final long defaultLimit;
  private final ObjectProvider<FinishedUploads> finishedUploads;
  private final JsonMapper json;

  StreamingMultipart(
      VaultdropProperties properties,
      ObjectProvider<FinishedUploads> finishedUploads,
      JsonMapper json) {
    this.defaultLimit = properties.maxUploadSize().toBytes();
    this.finishedUploads = finishedUploads;
    this.json = json;
  }

  /** Streams the part named {@code file}, limited by {@code vaultdrop.max-upload-size}. */
  public <T> MultipartResult<T> receive(HttpServletRequest request, MultipartHandler<T> handler)
      throws IOException {
    return receive(request, DEFAULT_FILE_PART, defaultLimit, handler);
  }

  /**
   * Streams the part named {@code filePart} into {@code handler}, at most {@code maxFileBytes}
   * bytes; every other part is read as a small text field.
   */
  public <T> MultipartResult<T> receive(
      HttpServletRequest request, String filePart, long maxFileBytes, MultipartHandler<T> handler)
      throws IOException {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive");
    }
    if (isJson(request)) {
      FormFields fields = jsonFields(request);
      String uploadId =
          fields
              .first(UPLOAD_ID_FIELD)
              .orElseThrow(
                  () -> DomainException.invalidRequest("Name a finished upload as uploadId."));
      return new MultipartResult<>(
          fromUpload(request, uploadId, filePart, maxFileBytes, handler, fields), fields);
    }
    String boundary = boundary(request);
    long overhead = MAX_PARTS * (MAX_FIELD_BYTES + PART_OVERHEAD);
    long declared = request.getContentLengthLong();
    if (declared > 0 && declared - overhead > maxFileBytes) {
      throw DomainException.tooLarge();
    }
    try {
      MultipartReader parts = new MultipartReader(request.getInputStream(), boundary);
      return read(request, parts, filePart, maxFileBytes, handler);
    } catch (MalformedMultipartException e) {
      throw malformed();
    }
  }

  /**
   * Reads the parts; when a part after the file fails (a second file, too many parts, a broken
   * body), a handler result that is {@link AutoCloseable} (a pending object) is closed, so nothing
   * stored for the file outlives the failed request.
   */
  private <T> MultipartResult<T> read(
      HttpServletRequest request,
      MultipartReader parts,
      String filePart,
      long limit,
      MultipartHandler<T> handler)
      throws IOException {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    boolean fileSeen = false;
    T value = null;
    int count = 0;
    MultipartPart item;
    try {
      while ((item = parts.next()) != null) {
        if (++count > MAX_PARTS) {
          throw new DomainException(ErrorCode.TOO_LARGE, "Too many parts.");
        }
        ContentDisposition disposition = disposition(item);
        String name = checkName(disposition.getName());
        if (!name.equals(filePart)) {
          fields.computeIfAbsent(name, n -> new ArrayList<>()).add(readField(item));
          continue;
        }
        if (fileSeen) {
          throw DomainException.invalidRequest("Only one file part is allowed.");
        }
        fileSeen = true;
        value = stream(item, disposition, limit, handler, new FormFields(fields));
      }
    } catch (IOException | RuntimeException e) {
      if (value instanceof AutoCloseable stored) {
        closeQuietly(stored);
      }
      throw e;
    }
    FormFields form = new FormFields(fields);
    if (!fileSeen) {
      String uploadId =
          form.first(UPLOAD_ID_FIELD)
              .orElseThrow(
                  () ->
                      DomainException.invalidRequest(
                          "The multipart body has no '" + filePart + "' part."));
      value = fromUpload(request, uploadId, filePart, limit, handler, form);
    }
    return new MultipartResult<>(value, form);
  }

  private static void closeQuietly(AutoCloseable stored) {
    try {
      stored.close();
    } catch (Exception e) {
      // Whatever it held is swept later.
    }
  }

  private static <T> T stream(
      MultipartPart item,
      ContentDisposition disposition,
      long limit,
      MultipartHandler<T> handler,
      FormFields before)
      throws IOException {
    return handle(
        new FilePart(
            disposition.getName(),
            FileNames.displayName(disposition.getFilename()),
            item.header("Content-Type"),
            item.content()),
        limit,
        handler,
        before);
  }

  /** Calls the handler with the file's content limited to {@code limit} bytes. */
  private static <T> T handle(
      FilePart file, long limit, MultipartHandler<T> handler, FormFields before)
      throws IOException {
    LimitedInputStream content = new LimitedInputStream(file.content(), limit);
    FilePart part = new FilePart(file.fieldName(), file.fileName(), file.contentType(), content);
    T value;
    try {
      value = handler.handle(part, before);
      // Whatever the handler left unread still counts against the limit.
      content.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      if (content.exceeded()) {
        throw DomainException.tooLarge();
      }
      throw e;
    }
    return value;
  }

  /** The finished upload {@code uploadId} handed to the handler as the file part. */
  private <T> T fromUpload(
      HttpServletRequest request,
      String uploadId,
      String filePart,
      long limit,
      MultipartHandler<T> handler,
      FormFields fields)
      throws IOException {
    FinishedUploads uploads = finishedUploads.getIfAvailable();
    if (uploads == null) {
      throw DomainException.invalidRequest("Resumable uploads are not available here.");
    }
    return handle(uploads.claim(request, filePart, uploadId, limit), limit, handler, fields);
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  /** A JSON object's members as fields: strings, numbers and booleans as text, arrays of them. */
  private FormFields jsonFields(HttpServletRequest request) throws IOException {
    JsonNode body =
        JsonBodies.object(request, json)
            .orElseThrow(
                () -> DomainException.invalidRequest("Name a finished upload as uploadId."));
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : body.properties()) {
      JsonNode value = member.getValue();
      List<JsonNode> values = new ArrayList<>();
      if (value.isArray()) {
        value.forEach(values::add);
      } else if (!value.isNull()) {
        values.add(value);
      }
      for (JsonNode item : values) {
        if (!(item.isString() || item.isNumber() || item.isBoolean())) {
          throw DomainException.invalidRequest(member.getKey() + " has an unsupported value.");
        }
        fields
            .computeIfAbsent(checkName(member.getKey()), n -> new ArrayList<>())
            .add(item.asString());
      }
    }
    return new FormFields(fields);
  }

  private static String readField(MultipartPart item) throws IOException {
    try (InputStream in = item.content()) {
      byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
      if (bytes.length > MAX_FIELD_BYTES) {
        throw new DomainException(ErrorCode.TOO_LARGE, "A field is too large.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The {@code form-data} disposition every part must carry (RFC 7578 §4.2). */
  private static ContentDisposition disposition(MultipartPart item) {
    String header = item.header("Content-Disposition");
    if (header == null) {
      throw DomainException.invalidRequest("A part has no Content-Disposition.");
    }
    ContentDisposition disposition;
    try {
      disposition = ContentDisposition.parse(header);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalidRequest("A part has an invalid Content-Disposition.");
    }
    if (!disposition.isFormData()) {
      throw DomainException.invalidRequest("A part is not form-data.");
    }
    if (count(NAME_PARAMETER, header) > 1 || count(FILENAME_PARAMETER, header) > 1) {
      // Which of two names counts differs between parsers: a proxy could see another part.
      throw DomainException.invalidRequest("A part repeats a Content-Disposition parameter.");
    }
    return disposition;
  }

  private static long count(Pattern parameter, String header) {
    return parameter.matcher(header).results().count();
  }

  private static String checkName(@Nullable String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > MAX_NAME_LENGTH
        || !name.chars().allMatch(StreamingMultipart::isNameChar)) {
      throw DomainException.invalidRequest("A part has a missing or invalid name.");
    }
    return name;
  }

  private static boolean isNameChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  /** The boundary of a {@code multipart/form-data} request; 415 for any other content type. */
  private static String boundary(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Expected multipart/form-data.");
    }
    String boundary;
    try {
      boundary = MediaType.parseMediaType(type).getParameter("boundary");
    } catch (InvalidMediaTypeException e) {
      throw malformed();
    }
    if (boundary == null) {
      throw malformed();
    }
    if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
      boundary = boundary.substring(1, boundary.length() - 1);
    }
    return boundary;
  }

  private static DomainException malformed() {
    return new DomainException(
        ErrorCode.MALFORMED_REQUEST, "The multipart body could not be read.");
  }
}

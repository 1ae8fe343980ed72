package io.vaultdrop.web;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.filenames.FileNames;
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
 * 415. {@link #receiveFiles} takes several file parts under one limit for all of them.
 *
 * <p>Instead of file parts, a create call may name finished resumable uploads: a JSON body {@code
 * {"uploadId": "…", …}} or {@code {"uploadIds": […], …}} (its other members become the fields), or
 * form fields {@code uploadId} with no file part (the web pages after a tus upload). The handler
 * then reads each upload's content as if it were a file part, under the same limits; see {@link
 * FinishedUploads}.
 */
@Component
public final class StreamingMultipart {

  public static final String DEFAULT_FILE_PART = "file";
  public static final String UPLOAD_ID_FIELD = "uploadId";
  public static final String UPLOAD_IDS_FIELD = "uploadIds";
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
   * bytes; every other part is read as a small text field. A second file part is a 400.
   */
  public <T> MultipartResult<T> receive(
      HttpServletRequest request, String filePart, long maxFileBytes, MultipartHandler<T> handler)
      throws IOException {
    return receiveFiles(
        request,
        filePart,
        maxFileBytes,
        1,
        (previous, file, before, left) -> handler.handle(file, before));
  }

  /**
   * Streams every part named {@code filePart} into {@code handler}, one after the other, together
   * at most {@code maxTotalBytes} bytes (413 {@code too_large} while streaming), at most {@code
   * maxFiles} of them (one more is a 400 before it is read); every other part is read as a small
   * text field. The limit of {@value #MAX_PARTS} parts counts text fields and the first file.
   */
  public <T> MultipartResult<T> receiveFiles(
      HttpServletRequest request,
      String filePart,
      long maxTotalBytes,
      int maxFiles,
      MultipartFilesHandler<T> handler)
      throws IOException {
    if (maxTotalBytes <= 0 || maxFiles <= 0) {
      throw new IllegalArgumentException("maxTotalBytes and maxFiles must be positive");
    }
    if (isJson(request)) {
      FormFields fields = jsonFields(request);
      List<String> uploadIds = uploadIds(fields);
      if (uploadIds.isEmpty()) {
        throw DomainException.invalidRequest("problem.multipart.name-upload");
      }
      return new MultipartResult<>(
          fromUploads(request, uploadIds, filePart, maxTotalBytes, maxFiles, handler, fields),
          fields);
    }
    String boundary = boundary(request);
    long overhead =
        MAX_PARTS * (MAX_FIELD_BYTES + PART_OVERHEAD)
            + (maxFiles - 1L) * (MultipartReader.MAX_HEADER_BYTES + PART_OVERHEAD);
    long declared = request.getContentLengthLong();
    if (declared > 0 && declared - overhead > maxTotalBytes) {
      throw DomainException.tooLarge();
    }
    try {
      MultipartReader parts = new MultipartReader(request.getInputStream(), boundary);
      return read(request, parts, filePart, maxTotalBytes, maxFiles, handler);
    } catch (MalformedMultipartException e) {
      throw malformed();
    }
  }

  /**
   * Reads the parts; when a part after a file fails (a file too many, too many parts, a broken
   * body), a handler result that is {@link AutoCloseable} (a pending object) is closed, so nothing
   * stored for the files outlives the failed request.
   */
  private <T> MultipartResult<T> read(
      HttpServletRequest request,
      MultipartReader parts,
      String filePart,
      long limit,
      int maxFiles,
      MultipartFilesHandler<T> handler)
      throws IOException {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    int files = 0;
    long used = 0;
    T value = null;
    int fieldParts = 0;
    MultipartPart item;
    try {
      while ((item = parts.next()) != null) {
        ContentDisposition disposition = disposition(item);
        String name = checkName(disposition.getName());
        boolean file = name.equals(filePart);
        // Text fields and the first file count against MAX_PARTS; further files against maxFiles.
        if (file
            ? files == 0 && fieldParts + 1 > MAX_PARTS
            : fieldParts + 1 + Math.min(files, 1) > MAX_PARTS) {
          throw new DomainException(ErrorCode.TOO_LARGE, "problem.multipart.too-many-parts");
        }
        if (!file) {
          fieldParts++;
          fields.computeIfAbsent(name, n -> new ArrayList<>()).add(readField(item));
          continue;
        }
        if (files == maxFiles) {
          throw DomainException.invalidRequest(
              maxFiles == 1 ? "problem.multipart.one-file" : "problem.multipart.too-many-files",
              maxFiles);
        }
        files++;
        LimitedInputStream content = new LimitedInputStream(item.content(), limit - used);
        FilePart part =
            new FilePart(
                disposition.getName(),
                FileNames.displayName(disposition.getFilename()),
                item.header("Content-Type"),
                content);
        value = handle(part, content, value, handler, new FormFields(fields));
        used += content.count();
      }
    } catch (IOException | RuntimeException e) {
      if (value instanceof AutoCloseable stored) {
        closeQuietly(stored);
      }
      throw e;
    }
    FormFields form = new FormFields(fields);
    List<String> uploadIds = uploadIds(form);
    if (files > 0 && !uploadIds.isEmpty()) {
      throw DomainException.invalidRequest("problem.multipart.files-or-uploads");
    }
    if (files == 0) {
      if (uploadIds.isEmpty()) {
        throw DomainException.invalidRequest("problem.multipart.no-part", filePart);
      }
      value = fromUploads(request, uploadIds, filePart, limit, maxFiles, handler, form);
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

  /** Calls the handler with one file whose content is {@code content}, a limited stream. */
  private static <T> T handle(
      FilePart part,
      LimitedInputStream content,
      @Nullable T previous,
      MultipartFilesHandler<T> handler,
      FormFields before)
      throws IOException {
    T value;
    try {
      value = handler.handle(previous, part, before, content.limit() - content.count());
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

  /**
   * The finished uploads {@code uploadIds}, each claimed and handed to the handler as a file part
   * (in order, under one limit for all); on a failure a pending handler result is closed.
   */
  private <T> T fromUploads(
      HttpServletRequest request,
      List<String> uploadIds,
      String filePart,
      long limit,
      int maxFiles,
      MultipartFilesHandler<T> handler,
      FormFields fields)
      throws IOException {
    if (uploadIds.size() > maxFiles) {
      throw DomainException.invalidRequest(
          maxFiles == 1 ? "problem.multipart.name-one-upload" : "problem.multipart.too-many-files",
          maxFiles);
    }
    FinishedUploads uploads = finishedUploads.getIfAvailable();
    if (uploads == null) {
      throw DomainException.invalidRequest("problem.multipart.no-resumable");
    }
    T value = null;
    long used = 0;
    try {
      for (String uploadId : uploadIds) {
        FilePart claimed = uploads.claim(request, filePart, uploadId, limit - used);
        LimitedInputStream content = new LimitedInputStream(claimed.content(), limit - used);
        FilePart part =
            new FilePart(claimed.fieldName(), claimed.fileName(), claimed.contentType(), content);
        value = handle(part, content, value, handler, fields);
        used += content.count();
      }
    } catch (IOException | RuntimeException e) {
      if (value instanceof AutoCloseable stored) {
        closeQuietly(stored);
      }
      throw e;
    }
    return value;
  }

  private static List<String> uploadIds(FormFields fields) {
    List<String> ids = new ArrayList<>(fields.all(UPLOAD_ID_FIELD));
    ids.addAll(fields.all(UPLOAD_IDS_FIELD));
    return ids;
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  /** A JSON object's members as fields: strings, numbers and booleans as text, arrays of them. */
  private FormFields jsonFields(HttpServletRequest request) throws IOException {
    JsonNode body =
        JsonBodies.object(request, json)
            .orElseThrow(() -> DomainException.invalidRequest("problem.multipart.name-upload"));
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
          throw DomainException.invalidRequest("problem.field-unsupported", member.getKey());
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
        throw new DomainException(ErrorCode.TOO_LARGE, "problem.multipart.field-too-large");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The {@code form-data} disposition every part must carry (RFC 7578 §4.2). */
  private static ContentDisposition disposition(MultipartPart item) {
    String header = item.header("Content-Disposition");
    if (header == null) {
      throw DomainException.invalidRequest("problem.multipart.no-disposition");
    }
    ContentDisposition disposition;
    try {
      disposition = ContentDisposition.parse(header);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalidRequest("problem.multipart.bad-disposition");
    }
    if (!disposition.isFormData()) {
      throw DomainException.invalidRequest("problem.multipart.not-form-data");
    }
    if (count(NAME_PARAMETER, header) > 1 || count(FILENAME_PARAMETER, header) > 1) {
      // Which of two names counts differs between parsers: a proxy could see another part.
      throw DomainException.invalidRequest("problem.multipart.repeated-parameter");
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
      throw DomainException.invalidRequest("problem.multipart.bad-name");
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
      throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "problem.multipart.expected");
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
    return new DomainException(ErrorCode.MALFORMED_REQUEST, "problem.multipart.unreadable");
  }
}

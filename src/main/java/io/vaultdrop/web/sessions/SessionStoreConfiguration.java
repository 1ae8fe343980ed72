package io.vaultdrop.web.sessions;

import io.vaultdrop.database.DatabaseVendor;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Web sessions live in the shared database (Spring Session JDBC, tables of migration V16), so every
 * node serves every browser: a login, its CSRF tokens and flash messages are seen by all nodes, and
 * a logout or an invalidation on one node ends the session on all of them. No sticky sessions.
 *
 * <p>Spring Boot builds the repository (idle timeout {@code server.servlet.session.timeout}, the
 * cookie from {@code server.servlet.session.cookie.*} and {@link SessionCookie}); this adds:
 *
 * <ul>
 *   <li>an upsert for attribute rows on each vendor, so two simultaneous requests of one browser
 *       that both add the same attribute (a CSRF token from two tabs) do not fail on the primary
 *       key;
 *   <li>attribute values written by an older Vaultdrop that this one cannot deserialise (a class
 *       changed in an upgrade) read as absent: the browser is signed out instead of answered 500
 *       until the session expires.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SessionStoreConfiguration.class);

  private static final String INSERT_ATTRIBUTE =
      "INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
          + " VALUES (?, ?, ?)";

  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionStoreCustomizer(
      DataSource dataSource) {
    String upsert = upsertAttribute(DatabaseVendor.of(dataSource));
    return repository -> {
      repository.setCreateSessionAttributeQuery(upsert);
      repository.setConversionService(tolerantConversions());
    };
  }

  static String upsertAttribute(DatabaseVendor vendor) {
    return switch (vendor) {
      case H2 ->
          "MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME,"
              + " ATTRIBUTE_BYTES) KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)";
      case POSTGRESQL ->
          INSERT_ATTRIBUTE
              + " ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)"
              + " DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES";
      case MARIADB ->
          INSERT_ATTRIBUTE + " ON DUPLICATE KEY UPDATE ATTRIBUTE_BYTES = VALUES(ATTRIBUTE_BYTES)";
    };
  }

  /** Java serialisation as Spring Session does it, but an unreadable stored value is absent. */
  private static GenericConversionService tolerantConversions() {
    GenericConversionService conversions = new GenericConversionService();
    conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
    DeserializingConverter deserializer = new DeserializingConverter();
    conversions.addConverter(
        byte[].class,
        Object.class,
        (Converter<byte[], Object>)
            bytes -> {
              try {
                return deserializer.convert(bytes);
              } catch (RuntimeException e) {
                log.info("Dropped a session attribute this version cannot read: {}", e.toString());
                return null;
              }
            });
    return conversions;
  }
}

package io.vaultdrop.web.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The session tables of migration V16 with Spring Session's repository as the application
 * configures it, on H2, PostgreSQL and MariaDB: two requests of one browser adding the same
 * attribute at once both succeed (last one wins), an attribute this version cannot read is absent
 * instead of an error, and the expiry sweep deletes only expired sessions.
 */
class SessionStoreVendorsTest {

  private static final TestDatabase H2 = TestDatabase.h2();
  private static final TestDatabase POSTGRES = TestDatabase.postgres();
  private static final TestDatabase MARIADB = TestDatabase.mariadb();

  // Kinds, not the databases themselves: JUnit would close an AutoCloseable argument after each
  // invocation.
  static Stream<TestDatabase.Kind> databases() {
    return Stream.of(TestDatabase.Kind.values());
  }

  private static TestDatabase db(TestDatabase.Kind kind) {
    return switch (kind) {
      case H2 -> H2;
      case POSTGRESQL -> POSTGRES;
      case MARIADB -> MARIADB;
    };
  }

  @AfterAll
  static void drop() {
    Stream.of(H2, POSTGRES, MARIADB).forEach(TestDatabase::close);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void sameAttributeAddedByTwoRequests_lastOneWins(TestDatabase.Kind kind) {
    TestDatabase db = db(kind);
    SessionRepository<Session> sessions = repository(db);
    Session created = sessions.createSession();
    sessions.save(created);
    Session first = sessions.findById(created.getId());
    Session second = sessions.findById(created.getId());

    first.setAttribute("token", "from the first request");
    second.setAttribute("token", "from the second request");
    sessions.save(first);
    sessions.save(second);

    assertThat(sessions.findById(created.getId()).<String>getAttribute("token"))
        .isEqualTo("from the second request");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void attributeThisVersionCannotRead_isAbsent(TestDatabase.Kind kind) {
    TestDatabase db = db(kind);
    SessionRepository<Session> sessions = repository(db);
    Session session = sessions.createSession();
    session.setAttribute("kept", "readable");
    session.setAttribute("broken", "replaced below");
    sessions.save(session);
    JdbcClient.create(db.dataSource())
        .sql(
            "UPDATE SPRING_SESSION_ATTRIBUTES SET ATTRIBUTE_BYTES = ? WHERE ATTRIBUTE_NAME ="
                + " 'broken'")
        .param(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 115, 114, 0, 9, 'n', 'o', '.', 's'})
        .update();

    Session loaded = sessions.findById(session.getId());

    assertThat(loaded.<String>getAttribute("broken")).isNull();
    assertThat(loaded.<String>getAttribute("kept")).isEqualTo("readable");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void sweep_deletesExpiredSessionsOnly(TestDatabase.Kind kind) {
    TestDatabase db = db(kind);
    SessionRepository<Session> sessions = repository(db);
    Session expired = sessions.createSession();
    expired.setAttribute("a", "b");
    expired.setLastAccessedTime(Instant.now().minus(Duration.ofHours(1)));
    sessions.save(expired);
    Session live = sessions.createSession();
    sessions.save(live);

    org.springframework.beans.factory.support.StaticListableBeanFactory beans =
        new org.springframework.beans.factory.support.StaticListableBeanFactory();
    beans.addBean("sessions", jdbcRepository(db));
    new ExpiredSessionsSweeper(beans.getBeanProvider(JdbcIndexedSessionRepository.class)).sweep();

    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?")
                .param(expired.getId())
                .query(Long.class)
                .single())
        .isZero();
    assertThat(sessions.findById(live.getId())).isNotNull();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SessionRepository<Session> repository(TestDatabase db) {
    return (SessionRepository) jdbcRepository(db);
  }

  private static JdbcIndexedSessionRepository jdbcRepository(TestDatabase db) {
    db.migrate();
    DataSource dataSource = db.dataSource();
    JdbcIndexedSessionRepository repository =
        new JdbcIndexedSessionRepository(
            new JdbcTemplate(dataSource),
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    repository.setDefaultMaxInactiveInterval(Duration.ofMinutes(30));
    repository.setCleanupCron("-");
    new SessionStoreConfiguration().sessionStoreCustomizer(dataSource).customize(repository);
    repository.afterPropertiesSet();
    return repository;
  }
}

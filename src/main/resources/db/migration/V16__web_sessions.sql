-- Web sessions (Spring Session JDBC), shared by every node: a browser signed in on one node is
-- signed in on all of them, and a CSRF token issued by one is accepted by the others. The schema
-- is Spring Session's own (schema-*.sql of spring-session-jdbc 4.1), created here so that Spring
-- Session never initialises a schema itself (spring.session.jdbc.initialize-schema: never).
--
-- Exception to the lower-case convention: Spring Session's queries name the tables SPRING_SESSION
-- and SPRING_SESSION_ATTRIBUTES in upper case, and MariaDB/MySQL on Linux compare table names
-- case-sensitively; H2 and PostgreSQL fold unquoted names, so upper case works on all three.
--
-- Times are epoch milliseconds (Spring Session's format, matching the convention). PRINCIPAL_NAME
-- is the account id of a signed-in session (CurrentUser.getName()), never the e-mail address.
-- Expired rows are removed by io.vaultdrop.web.sessions.ExpiredSessionsSweeper; an expired session
-- is refused on read even before that.
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36)     NOT NULL,
    SESSION_ID            CHAR(36)     NOT NULL,
    CREATION_TIME         BIGINT       NOT NULL,
    LAST_ACCESS_TIME      BIGINT       NOT NULL,
    MAX_INACTIVE_INTERVAL INT          NOT NULL,
    EXPIRY_TIME           BIGINT       NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    PRIMARY KEY (PRIMARY_ID)
) ${table_options};

CREATE UNIQUE INDEX ux_spring_session_id ON SPRING_SESSION (SESSION_ID);
CREATE INDEX ix_spring_session_expiry ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX ix_spring_session_principal ON SPRING_SESSION (PRINCIPAL_NAME);

-- One row per session attribute (the login's security context, the CSRF token, a saved request,
-- flash attributes), Java-serialised.
CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)       NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200)   NOT NULL,
    ATTRIBUTE_BYTES    ${binary_type} NOT NULL,
    PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT fk_spring_session_attributes FOREIGN KEY (SESSION_PRIMARY_ID)
        REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
) ${table_options};

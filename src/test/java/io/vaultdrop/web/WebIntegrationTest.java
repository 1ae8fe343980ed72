package io.vaultdrop.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import webtest.TestEndpoints;

/**
 * The whole application on a random port (plus MockMvc), in-memory H2, and the test-only endpoints
 * of {@link TestEndpoints}. Every web test uses this one configuration so that the context is built
 * once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:web-${random.uuid};DB_CLOSE_DELAY=-1",
      "vaultdrop.data-dir=target/web-test/data",
      "vaultdrop.max-upload-size=80MB",
      "server.tomcat.basedir=target/web-test/tomcat"
    })
@AutoConfigureMockMvc
@Import(TestEndpoints.class)
@interface WebIntegrationTest {}

# Vaultdrop container image: build with the Maven wrapper on a JDK 25, run on a JRE 25 as an
# unprivileged user. The data folder (/data) holds the embedded database, the filesystem blobs
# and, unless VAULTDROP_MASTER_KEY is given, the generated master key: keep it on a volume.
#
#   docker build -t vaultdrop .
#   docker run -p 8080:8080 -v vaultdrop-data:/data vaultdrop

FROM eclipse-temurin:25-jdk AS build
# The build bundles tus-js-client from npm (frontend/) into the jar: it needs Node.js and npm.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY frontend/package.json frontend/package-lock.json frontend/
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:25-jre
# curl for the container health check (compose.yaml).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 vaultdrop \
 && useradd --system --uid 10001 --gid vaultdrop --home-dir /data --shell /usr/sbin/nologin vaultdrop \
 && mkdir -p /data /app \
 && chown vaultdrop:vaultdrop /data \
 && chmod 0700 /data
# Fast start (docs/benchmarks.md, "Start-up"): the jar extracted, and an AOT cache of this image's
# own JRE recorded by one training run that starts the application on a scratch data folder and
# exits once it is ready; every start then loads classes already parsed and linked.
COPY --from=build /src/target/vaultdrop.jar /tmp/vaultdrop.jar
RUN java -Djarmode=tools -jar /tmp/vaultdrop.jar extract --destination /app \
 && rm /tmp/vaultdrop.jar \
 && java -XX:MaxRAMPercentage=75 -XX:AOTCacheOutput=/app/vaultdrop.aot -Dspring.context.exit=onRefresh \
      -jar /app/vaultdrop.jar --vaultdrop.data-dir=/tmp/training --server.port=0 >/dev/null \
 && rm -rf /tmp/training
USER vaultdrop:vaultdrop
ENV VAULTDROP_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
# The heap follows the container's memory limit; streams keep memory constant per transfer.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=/app/vaultdrop.aot", "-jar", "/app/vaultdrop.jar"]

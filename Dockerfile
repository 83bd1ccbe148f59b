# The migrationtest command line, with its embedded Postgres (linux-x86_64), run as a user that is not
# root: Postgres refuses to run as root, and a container needs no privileges for it this way.
#
#   mvn -B -pl verifier -am package -DskipTests        # builds verifier/target/migrationtest.jar
#   docker build -t migrationtest .
#   docker run --rm --shm-size=256m -v "$PWD:/work" migrationtest verify db/migrations
#
# docs/install.md says more (reports, other Postgres majors, another user id).
FROM eclipse-temurin:17-jre

# A fixed uid/gid, so a CI job can give the container's user access to its mounted folder.
RUN groupadd --system --gid 10001 migrationtest \
 && useradd --system --uid 10001 --gid migrationtest --create-home --home-dir /home/migrationtest migrationtest

COPY verifier/target/migrationtest.jar /opt/migrationtest/migrationtest.jar

USER 10001:10001
WORKDIR /work
# The fast JIT compiler only and the serial collector: see docs/install.md, "Start-up".
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/opt/migrationtest/migrationtest.jar"]
CMD ["--help"]

# The hub's image for docker-compose.yml. Build the jar first: ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --home /app hub && mkdir -p /app/data /app/routes && chown -R hub /app
COPY target/partner-hub.jar /app/partner-hub.jar
USER hub
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/partner-hub.jar"]

# syntax=docker/dockerfile:1
# Build: restore with the central package versions, publish the bot (framework-dependent), compiled ahead of time
# (ReadyToRun): `pitr restore` in a break-glass terminal is a fresh process, and its first connection and query would
# otherwise wait for the JIT.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Pitr.sln ./
COPY src/Pitr.Domain/Pitr.Domain.csproj src/Pitr.Domain/
COPY src/Pitr.Adapters/Pitr.Adapters.csproj src/Pitr.Adapters/
COPY src/Pitr.Bot/Pitr.Bot.csproj src/Pitr.Bot/
RUN RID=linux-$( [ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64 ) \
 && dotnet restore src/Pitr.Bot/Pitr.Bot.csproj -r $RID -p:PublishReadyToRun=true
COPY src/ src/
RUN RID=linux-$( [ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64 ) \
 && dotnet publish src/Pitr.Bot/Pitr.Bot.csproj -c Release -r $RID --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

# Runtime: the ASP.NET runtime only, as a non-root user. The PostgreSQL server tools are needed
# only by the local engine (base backups + WAL archive); build with --build-arg LOCAL_ENGINE=true.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG LOCAL_ENGINE=false
RUN if [ "$LOCAL_ENGINE" = "true" ]; then \
      apt-get update && apt-get install -y --no-install-recommends postgresql && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Pitr__Store__Sqlite__Path=/data/pitr.db
EXPOSE 8080
ENTRYPOINT ["dotnet", "pitr.dll"]
CMD ["serve"]

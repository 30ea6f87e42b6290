# Build stage: restore with the central package versions, publish the bot.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Pitr.sln ./
COPY src/ src/
RUN dotnet publish src/Pitr.Bot/Pitr.Bot.csproj -c Release -o /app --no-self-contained

# Runtime stage: ASP.NET runtime only, running as a non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Pitr__Store__Sqlite__Path=/data/pitr.db
EXPOSE 8080
ENTRYPOINT ["dotnet", "pitr.dll"]
CMD ["serve"]

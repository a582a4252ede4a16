# syntax=docker/dockerfile:1
# The API: build with the .NET SDK, run on the ASP.NET Core runtime image as a non-root user.
# Build from the repository root:  docker build -f deploy/docker/api.Dockerfile -t privatelending-api .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Api/Api.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The API listens on loopback unless told otherwise; in a container it must listen on every interface.
ENV DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
# Liveness only: readiness (storage reachable) is for load balancers, and restarting a container does not fix storage.
# A raw HTTP/1.0 request over bash's /dev/tcp, so the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "PrivateLending.Api.dll"]

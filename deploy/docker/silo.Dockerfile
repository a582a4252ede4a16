# syntax=docker/dockerfile:1
# The silo: build with the .NET SDK, run on the ASP.NET Core runtime image as a non-root user.
# Build from the repository root:  docker build -f deploy/docker/silo.Dockerfile -t privatelending-silo .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# The whole src/ is copied (not only project files) so a new project needs no change here; the NuGet cache mount
# keeps restores fast between builds anyway.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Silo/Silo.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_ENVIRONMENT=Production \
    Cluster__SiloPort=11111 \
    Cluster__GatewayPort=30000 \
    Dashboard__Host=0.0.0.0 \
    Dashboard__Port=8080
# Silo-to-silo, client gateway, dashboard and /metrics.
EXPOSE 11111 30000 8080
# The image's unprivileged "app" user (uid 1654).
USER $APP_UID
# Healthy once the client gateway accepts connections: Orleans opens it only when the silo has joined the cluster.
# bash's /dev/tcp needs no extra package in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${Cluster__GatewayPort:-30000}"]
ENTRYPOINT ["dotnet", "PrivateLending.Silo.dll"]

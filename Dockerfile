# The portal and its CLI in one image (docs/operations.md, "Containers"). Build: docker build -t ledelsesinfo .
# Stage 1 builds with the SDK and the front-end packages (npm); stage 2 is the ASP.NET runtime alone.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/LedelsesInfo.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app \
 && dotnet publish src/LedelsesInfo.Cli -c Release -r linux-x64 --self-contained false -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 Database__DataFolder=/data
VOLUME /data
EXPOSE 8080
# Ready when the database answers (/health/ready); bash's /dev/tcp, since the runtime image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
# The CLI from the same image: docker run ledelsesinfo dotnet cli/ledelsesinfo.dll migrate
ENTRYPOINT ["dotnet", "LedelsesInfo.Web.dll"]

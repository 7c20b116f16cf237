# The web app as a container, for docker-compose.yml. Build: docker build -t ledelsesinfo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/LedelsesInfo.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 Database__DataFolder=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "LedelsesInfo.Web.dll"]

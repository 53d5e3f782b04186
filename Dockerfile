# Build and run ReviewPortal in a container (used by docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ReviewPortal.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
# Outside Development the app needs App__PublicBaseUrl (the address people use, for links in mail);
# docker-compose.yml sets it, a deployment sets its own.
EXPOSE 8080
ENTRYPOINT ["dotnet", "ReviewPortal.Web.dll"]

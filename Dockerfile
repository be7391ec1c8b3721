# syntax=docker/dockerfile:1
# Confer's production image: the API serving the built staff app and portal.
# Build: docker build -t confer .   (azd up builds it from azure.yaml)
# Run:   docker run -e DATABASE_URL=… (every production setting in the README) -p 8080:8080 confer
#        docker run … confer node api/dist/main.js --migrate-only   (the migration job)
#        docker run … confer node api/dist/main.js firm create --name … --tenant … --admin …
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY ui/package.json ui/
COPY addin/package.json addin/
COPY portal/package.json portal/
COPY e2e/package.json e2e/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# Only the API's production dependencies: no PGlite, no Azurite (development dependencies,
# used by the embedded mode only), no build tools. Optional dependencies stay: they are the
# prebuilt native binaries of sharp (@img/sharp-linux-x64) and @napi-rs/canvas that make file
# previews; no install script runs (--ignore-scripts; neither needs one).
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CONFER_MODE=production \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY ui/package.json ui/
COPY addin/package.json addin/
COPY portal/package.json portal/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --workspace api --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/api/dist api/dist
COPY --from=build /app/api/drizzle api/drizzle
COPY --from=build /app/addin/dist addin/dist
COPY --from=build /app/portal/dist portal/dist
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "api/dist/main.js"]

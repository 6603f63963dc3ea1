# syntax=docker/dockerfile:1
# The web app's image, built from the workspace root:
#   docker build -f deploy/web.Dockerfile -t bazaar/web .
# Vite builds apps/web in the first stage (with its dev dependencies, which stay there); the image is
# nginx alone serving the built files, no Node.js: the files are static, nginx serves the .gz beside
# each asset itself (gzip_static) and passes /api/ to the gateway, as npm start's web server
# (tools/src/web-server.ts) does. That server needs Fastify and the tools workspace at run time, a
# larger image for the same job. nginx-unprivileged runs as uid 101 on port 8080.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# Only the web app's manifest: npm installs exactly its dependencies (React, Vite and its plugin).
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
RUN npm ci --ignore-scripts --include-workspace-root=false --workspace @bazaar/web
COPY apps/web apps/web
RUN npm run build -w apps/web

FROM nginxinc/nginx-unprivileged:1.27-alpine
# The image's entrypoint writes conf.d/default.conf from this template at start, with GATEWAY_UPSTREAM
# (host:port of the gateway) filled in; in Kubernetes conf.d is an emptyDir, the root read-only.
COPY deploy/web/default.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
ENV GATEWAY_UPSTREAM=gateway:8080 NGINX_ENVSUBST_FILTER=^GATEWAY_
USER 101
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1

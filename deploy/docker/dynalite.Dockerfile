# syntax=docker/dockerfile:1
# Local DynamoDB for a laptop cluster: dynalite at the version pinned by deploy/local/package-lock.json.
# Build from the repository root:  docker build -f deploy/docker/dynalite.Dockerfile -t privatelending-dynalite .

FROM node:22-bookworm-slim
WORKDIR /opt/dynalite
COPY deploy/local/package.json deploy/local/package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
RUN mkdir /data && chown node:node /data
VOLUME /data
EXPOSE 8000
USER node
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
    CMD ["node", "-e", "require('net').connect(8000, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"]
ENTRYPOINT ["node", "node_modules/dynalite/cli.js", "--host", "0.0.0.0", "--port", "8000", "--path", "/data"]

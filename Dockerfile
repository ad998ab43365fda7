# One image for every service; docker-compose.yml picks the entry point.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/customers/package.json subgraphs/customers/
COPY subgraphs/billing/package.json subgraphs/billing/
COPY subgraphs/service/package.json subgraphs/service/
COPY subgraphs/support/package.json subgraphs/support/
COPY gateway/package.json gateway/
COPY schema/package.json schema/
COPY scripts/package.json scripts/
COPY integration/package.json integration/
RUN npm ci --omit=dev --ignore-scripts
COPY . .
USER node

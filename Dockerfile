# The crawlsift CLI; docker-compose.yml runs it as producer, workers and finalizer.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]

import { generate } from '@graphql-codegen/cli';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import codegen from './codegen.ts';

/**
 * The dev server proxies the gateway's paths, so the app and the graph share
 * one origin: no CORS to configure, and the same relative URLs work behind a
 * production reverse proxy.
 */
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';
const proxy = {
  '/graphql': { target: gateway, ws: true },
  '/auth': { target: gateway },
};

/**
 * Writes the operations' types (src/generated/, see codegen.ts) when the dev
 * server or a build starts — `npm start` and the end-to-end tests start Vite
 * directly — and again when a file with GraphQL in it changes, so the types
 * follow the operations as they are edited. Unchanged output is not rewritten.
 */
function graphqlCodegen(): Plugin {
  const run = () => generate({ ...codegen, silent: true }, true);
  let started: Promise<unknown> | undefined;
  return {
    name: 'c360:graphql-codegen',
    // Once, for the first environment that starts.
    buildStart: () => (started ??= run()),
    async hotUpdate({ file, read, server }) {
      if (this.environment.name !== 'client' || file.includes('/src/generated/')) return;
      if (!file.endsWith('.graphql') && !(await read()).includes('graphql(')) return;
      // An operation half typed does not stop the server: the error shows, the next save tries again.
      await run().catch((error: Error) => server.config.logger.error(`GraphQL codegen: ${error.message}`));
    },
  };
}

export default defineConfig({
  plugins: [graphqlCodegen(), react()],
  server: { host: '127.0.0.1', port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
});

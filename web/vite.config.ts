import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: Number(process.env.WEB_PORT ?? 5173), strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
});

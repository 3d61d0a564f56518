import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite root is this folder; the API (port 3000) serves the built files from dist/dashboard.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// `npm run dev` runs the API on port 3000; MINKA_API_URL points the dev proxy elsewhere.
const api = process.env.MINKA_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@minka/contracts': here('../../libs/contracts/src'),
      '@app': here('src/app'),
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});

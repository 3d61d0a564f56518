import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { confirmarPage } from './confirmar/vite-plugin.mjs';

// Vite root is this folder; the API (port 3000) serves the built files from dist/dashboard.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// `npm run dev` runs the API on port 3000; MINKA_API_URL points the dev proxy elsewhere.
const api = process.env.MINKA_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: here('.'),
  // confirmarPage: the public confirmation page's service worker and its 150 KB budget (confirmar/README.md).
  plugins: [react(), confirmarPage()],
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
    // Two pages: the dashboard, and the public offline confirmation page (plain TypeScript, its own
    // files under confirmar/assets so that nothing of the dashboard bundle is loaded with it).
    rolldownOptions: {
      input: { index: here('index.html'), confirmar: here('confirmar/index.html') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'confirmar' ? 'confirmar/assets/[name]-[hash].js' : 'assets/[name]-[hash].js'),
        assetFileNames: (asset) =>
          asset.names.some((name) => name.startsWith('confirmar'))
            ? 'confirmar/assets/[name]-[hash][extname]'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
});

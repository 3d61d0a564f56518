import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { confirmarPage } from './confirmar/vite-plugin.mjs';

// Vite root is this folder; the API (port 3000) serves the built files from dist/dashboard.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
// `npm run dev` runs the API on port 3000; MINKA_API_URL points the dev proxy elsewhere.
const api = process.env.MINKA_API_URL ?? 'http://localhost:3000';

/** --brand of src/styles.css: the installed app's title bar and splash screen. */
const brand = '#0f3d4c';

/** The web app manifest (installable dashboard). Icons: public/icons/, drawn from icon.svg. */
const manifest = {
  name: 'Minka',
  short_name: 'Minka',
  description: 'Distribución de ayuda humanitaria',
  lang: 'es-PE',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: brand,
  theme_color: brand,
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  ],
};

/**
 * Writes manifest.webmanifest and links it from the dashboard's index.html only. vite-plugin-pwa would
 * link its manifest from every HTML page of the build, the confirmation page included, which must stay
 * independent (its own worker, its 150 KB budget): so the plugin gets `manifest: false` and this does it.
 */
function dashboardManifest(): Plugin {
  return {
    name: 'minka-dashboard-manifest',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.path !== '/index.html') return html;
        return html.replace(
          '</head>',
          '  <link rel="manifest" href="/manifest.webmanifest" />\n    <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />\n  </head>',
        );
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  root: here('.'),
  plugins: [
    react(),
    // confirmarPage: the public confirmation page's service worker and its 150 KB budget (confirmar/README.md).
    confirmarPage(),
    dashboardManifest(),
    // The dashboard's service worker, dist/dashboard/sw.js, scope "/" (registered by src/app/service-worker.ts).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      filename: 'sw.js',
      workbox: {
        // App shell: the dashboard's HTML, every JS/CSS chunk (hashed: a release only downloads what changed),
        // the icons and the manifest, and the Peru outlines of the map (public/geo, fetched by map/outlines-data.ts).
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}', 'geo/*.geojson'],
        // The confirmation page has its own worker with scope /confirmar/ (confirmar/README.md): nothing of it here.
        globIgnores: ['confirmar/**', '**/*.map'],
        maximumFileSizeToCacheInBytes: 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/health(\/|$)/, /^\/confirmar(\/|$)/, /\/[^/?]+\.[^/]+$/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        // The API stays out of the cache except two public, personal-data-free answers: a shared phone must
        // never hand one user's inventory, donors or leaders (or anything read with a bearer token) to the
        // next one, and a cached write or token answer would be wrong by definition. React Query keeps the
        // data of the current session in memory, which is what the stale-data banner shows while offline.
        runtimeCaching: [
          {
            // Map tiles and attribution: needed to draw the map at all, the same for everyone.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/api/v1/config',
            handler: 'NetworkFirst',
            method: 'GET',
            options: { cacheName: 'minka-config', networkTimeoutSeconds: 5, expiration: { maxEntries: 2 } },
          },
          {
            // Public campaign pages (/campanas/:slug): public by design, aggregates only, no donor names.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/v1/public/campaigns/'),
            handler: 'NetworkFirst',
            method: 'GET',
            options: {
              cacheName: 'minka-public-campaigns',
              networkTimeoutSeconds: 5,
              expiration: { maxEntries: 20, maxAgeSeconds: 7 * 24 * 3600 },
            },
          },
        ],
      },
    }),
  ],
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

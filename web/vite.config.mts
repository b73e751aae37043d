import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Built into dist/app and served by the service at /app (src/webapp).
export default defineConfig({
  root: here('.'),
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: here('../dist/app'),
    emptyOutDir: true,
    // No inline scripts or data: URLs, so the CSP can forbid them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // The API explorer (/graphiql, src/explorer) is a second page of the same build.
    rolldownOptions: { input: { app: here('index.html'), explorer: here('graphiql.html') } },
  },
  server: { proxy: { '/graphql': { target: 'http://localhost:3000', ws: true } } },
});

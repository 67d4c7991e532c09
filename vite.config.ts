import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./app', import.meta.url));

// The public front end: `app/` is built into `dist/app`, which the API server
// serves with index.html as the fallback for every non-API path.
export default defineConfig({
  root,
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Everything is loaded from files ('self'): nothing inlined as data: URLs
    // into scripts or styles, so the strict Content-Security-Policy holds.
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite` for development, with the API server running on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

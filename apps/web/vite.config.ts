import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app calls the gateway as /api/…, same-origin: in development Vite forwards those calls (the
// launcher's static server does the same for the built app), so neither needs CORS.
const gateway = process.env.BAZAAR_GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 3000,
    strictPort: true,
    proxy: { '/api': { target: gateway, changeOrigin: true, rewrite: (path) => path.replace(/^\/api/, '') } },
  },
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
});

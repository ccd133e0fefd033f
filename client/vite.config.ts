import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves the built SPA from its wwwroot (so `dotnet publish` carries it);
// in development the Vite server proxies the API paths to a locally running API.
const apiTarget = process.env.COMMUNITYHUB_API_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../api/wwwroot',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget, changeOrigin: false },
      '/openapi': { target: apiTarget, changeOrigin: false },
    },
  },
});

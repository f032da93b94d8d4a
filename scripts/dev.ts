import { createServer } from 'vite';
import { startInteropServer } from '@interop-kit/server';
import { loadConfig } from '@interop-kit/server/config';

// Development: the backend plus Vite's dev server (hot reload) in front of it. The proxy keeps the page's Host header,
// so the backend sees the page's own origin and the corp allowlist needs no dev entry.
const backend = await startInteropServer(loadConfig());
const vite = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  server: {
    port: Number(process.env.DEV_PORT ?? 5173),
    proxy: {
      '/api': { target: backend.url, changeOrigin: false },
      '/health': { target: backend.url, changeOrigin: false },
      '/socket.io': { target: backend.url, changeOrigin: false, ws: true },
    },
  },
});
await vite.listen();
console.log(`Interop backend on ${backend.url}; demo with hot reload:`);
vite.printUrls();

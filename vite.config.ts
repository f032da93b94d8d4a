import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'demo');

/** The demo site: a company page with the chat, and the employee portal. Served by the backend after `vite build`. */
export default defineConfig({
  root,
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        workbench: resolve(root, 'workbench.html'),
        products: resolve(root, 'products.html'),
      },
    },
  },
  resolve: {
    // Browser builds of socket.io's transport, and lit's production build.
    conditions: ['browser', 'production'],
  },
});

import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { startInteropServer } from './app.js';

const config = loadConfig();
const server = await startInteropServer(config);
console.log(`Interop backend on ${server.url} (${server.db.engine}${config.databaseUrl ? '' : `, data in ${resolve(config.dataDir)}`})`);
console.log(`  Company site (customer chat): ${server.url}/`);
console.log(`  Employee workbench:           ${server.url}/workbench.html`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

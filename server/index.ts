import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { startInteropServer } from './app.js';

const config = loadConfig();
const server = await startInteropServer(config).catch((error: NodeJS.ErrnoException) => {
  // The one thing a new user meets most: say which setting to change, in one line.
  if (error.code === 'EADDRINUSE') console.error(`Port ${config.port} on ${config.host} is in use: stop what uses it, or set PORT to another port (PORT=3001 npm start).`);
  else if (error.code === 'EACCES') console.error(`Port ${config.port} needs privileges this user lacks: set PORT to one above 1023.`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
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

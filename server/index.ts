import { resolve } from 'node:path';
import { loadConfig } from './config.js';
import { startInteropServer } from './app.js';

/** How long a stopping node may take (drain, acks, closing) before it exits regardless. */
const STOP_TIMEOUT_MS = 30_000;

const config = loadConfig();
const server = await startInteropServer(config).catch((error: NodeJS.ErrnoException) => {
  // The one thing a new user meets most: say which setting to change, in one line.
  if (error.code === 'EADDRINUSE')
    config.log(
      `Port ${config.port} on ${config.host} is in use: stop what uses it, or set PORT to another port (PORT=3001 npm start).`,
      error,
    );
  else if (error.code === 'EACCES')
    config.log(`Port ${config.port} needs privileges this user lacks: set PORT to one above 1023.`, error);
  else config.log('could not start', error);
  process.exit(1);
});
config.log(
  `Interop backend on ${server.url} (${server.db.engine}${config.databaseUrl ? '' : `, data in ${resolve(config.dataDir)}`})`,
);
config.log(`Company site (customer chat): ${server.url}/`);
config.log(`Employee workbench: ${server.url}/workbench.html`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    config.log(`${signal}: draining (no new connections, finishing acks, handing on timers)`);
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        config.log('stopping failed', error);
        process.exit(1);
      },
    );
  });
}

#!/usr/bin/env node
// The backend's command: `interop-kit serve` starts a node; `interop-kit admin <command>` runs the operator CLI.
// Settings come from the environment (see .env.example; `node --env-file=.env` or your service manager loads them).
const [command, ...rest] = process.argv.slice(2);

if (command === 'serve' && rest.length === 0) {
  await import('../dist/index.js');
} else if (command === 'admin') {
  // The CLI reads its arguments after the script's path, as `npm run admin -- …` gives them.
  process.argv.splice(2, 1);
  await import('../dist/admin.js');
} else {
  console.error(
    [
      'Usage:',
      '  interop-kit serve             start a backend node (PORT, HOST, DATABASE_URL, REDIS_URL… from the environment)',
      '  interop-kit admin <command>   onboard and run companies (interop-kit admin --help lists the commands)',
    ].join('\n'),
  );
  process.exitCode = command === undefined || command === '--help' || command === 'help' ? 0 : 1;
}

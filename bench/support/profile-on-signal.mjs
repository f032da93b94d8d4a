/**
 * Preloaded into a backend the bench profiles (`--import`): SIGUSR2 starts V8's CPU profiler, the next SIGUSR2 stops
 * it and writes the profile to PROFILE_DIR (open it in Chrome's DevTools, Performance). The bench signals around each
 * measured step, so a profile holds the steady load only, not start-up or connecting the visitors.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const session = new Session();
session.connect();
await session.post('Profiler.enable');
let profiling = false;
let written = 0;
process.on('SIGUSR2', () => {
  profiling = !profiling;
  if (profiling) return void session.post('Profiler.start');
  void session.post('Profiler.stop').then(({ profile }) => {
    written += 1;
    writeFileSync(`${process.env.PROFILE_DIR}/step-${written}.cpuprofile`, JSON.stringify(profile));
  });
});

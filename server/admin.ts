import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { InteropError } from '@interop-kit/elements/protocol';
import { loadConfig } from './config.js';
import { buildInterop } from './app.js';
import { isAlive } from './db/data-dir-lock.js';
import {
  operatorCommandSchema,
  readOperatorFile,
  runOperatorCommand,
  type OperatorCommand,
} from './management/operator.js';

z.config(z.locales.en());
import { UsageError, VERBS, type Values, type Verb } from './management/cli-verbs.js';

const HOW =
  'Uses the same DATA_DIR / DATABASE_URL as the backend. When a backend is running on that data, the command goes ' +
  'through it (on this machine, with the key it leaves in DATA_DIR/operator.json), so changes such as a deactivation ' +
  'take effect in its open sessions at once; otherwise it opens the database itself.';
const USAGE = `Usage: npm run admin -- <command> [--help]\n\n${Object.values(VERBS)
  .map((verb) => `  ${verb.usage}`)
  .join('\n')}\n\n${HOW}`;

/** The verb the arguments name (its words first), and the rest. */
function findVerb(argv: string[]): { verb: Verb; rest: string[] } | undefined {
  for (const words of [3, 2]) {
    const verb = VERBS[argv.slice(0, words).join(' ')];
    if (verb) return { verb, rest: argv.slice(words) };
  }
  return undefined;
}

async function commandFrom(verb: Verb, rest: string[]): Promise<OperatorCommand | 'help'> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...verb.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return 'help';
  const [min, max] = typeof verb.args === 'number' ? [verb.args, verb.args] : verb.args;
  if (parsed.positionals.length < min || parsed.positionals.length > max)
    throw new UsageError(`Usage: npm run admin -- ${verb.usage}`);
  const command = operatorCommandSchema.safeParse(await verb.build(parsed.positionals, parsed.values as Values));
  if (!command.success) {
    throw new UsageError(
      command.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('\n'),
    );
  }
  return command.data;
}

/** Runs the command through the backend running on this data folder, or on the database itself. */
async function run(command: OperatorCommand): Promise<string> {
  const config = loadConfig();
  const endpoint = await readOperatorFile(config.dataDir);
  if (endpoint && isAlive(endpoint.pid)) {
    const response = await fetch(`${endpoint.url}/api/operator`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(command),
    }).catch((error: Error) => {
      throw new Error(
        `The backend (process ${endpoint.pid}) holds ${config.dataDir} but does not answer at ${endpoint.url}: ${error.message}`,
      );
    });
    const body = (await response.json().catch(() => ({}))) as {
      output?: string;
      error?: { code: string; message: string };
    };
    if (!response.ok || body.output === undefined)
      throw new InteropError(
        (body.error?.code ?? 'internal') as never,
        body.error?.message ?? `HTTP ${response.status}`,
      );
    return body.output;
  }
  // No backend runs on this data: the same composition root builds the core alone, with nothing listening and no
  // socket to push to or cut (the next session a departed employee opens is refused at the handshake).
  const interop = await buildInterop(config, 'operator');
  try {
    return await runOperatorCommand(
      interop.core.management,
      command,
      config.publicUrl ?? `http://localhost:${config.port}`,
    );
  } finally {
    await interop.app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const found = findVerb(argv);
  if (!found) {
    console[argv.length && !['--help', '-h', 'help'].includes(argv[0]!) ? 'error' : 'log'](USAGE);
    return argv.length && !['--help', '-h', 'help'].includes(argv[0]!) ? 2 : 0;
  }
  try {
    const command = await commandFrom(found.verb, found.rest);
    if (command === 'help') {
      console.log(`Usage: npm run admin -- ${found.verb.usage}\n\n${found.verb.about}\n\n${HOW}`);
      return 0;
    }
    console.log(await run(command));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

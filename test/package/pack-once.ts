/**
 * Packs the kit once for every packaging test of a run (`npm run test:package` hands the folder on as IX_PACKED_KIT):
 * a pack builds dist/ first, which is the slow part. Prints the folder holding the tarball and npm's report of it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packKit } from './install.js';

const folder = await mkdtemp(join(tmpdir(), 'ix-packed-kit-'));
await writeFile(join(folder, 'pack.json'), JSON.stringify(await packKit(folder)));
console.log(folder);

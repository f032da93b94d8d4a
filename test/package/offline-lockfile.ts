/**
 * A package-lock for a new app from the repository's own lockfile, so `npm ci --offline` installs it from npm's
 * cache: every package the app needs is taken with the version, tarball and integrity the repository installed.
 */

export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface Lockfile {
  name?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** A package packed from this repository: its lock entry points at the tarball. */
export interface PackedPackage {
  version: string;
  resolved: string;
  integrity: string;
  dependencies: Record<string, string>;
  /** Its commands: npm links them from the lockfile's entry. */
  bin?: Record<string, string>;
}

export interface AppInstall {
  name: string;
  dependencies: Record<string, string>;
  /** The packed kit. */
  kit: PackedPackage;
  /** The packed backend, when the app installs it too. */
  server?: PackedPackage;
}

const KIT = '@interop-kit/elements';
const SERVER = '@interop-kit/server';
/** Where each packed package sits in the repository's tree (whose lockfile gives their dependencies). */
const REPOSITORY_PLACE = { [KIT]: '', [SERVER]: 'server' };

/** Where node would find `name` required from the package at `from` (a lockfile key), or undefined. */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[key] && !packages[key].link) return key;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

export function offlineLockfile(source: Lockfile, install: AppInstall): Lockfile {
  const packed = { [KIT]: install.kit, ...(install.server ? { [SERVER]: install.server } : {}) };
  const packages: Record<string, LockEntry> = { '': { name: install.name, dependencies: install.dependencies } };
  for (const [name, entry] of Object.entries(packed)) packages[`node_modules/${name}`] = { ...entry, license: 'MIT' };
  // The app's key for a repository's one: what the backend's workspace holds on its own sits inside its package.
  const appKey = (key: string) => (key.startsWith('server/') ? `node_modules/${SERVER}/${key.slice(7)}` : key);
  const pending: Array<[from: string, name: string, optional: boolean]> = [];
  const need = (from: string, entry: LockEntry) => {
    for (const name of Object.keys(entry.dependencies ?? {})) pending.push([from, name, false]);
    for (const name of Object.keys(entry.optionalDependencies ?? {})) pending.push([from, name, true]);
    for (const name of Object.keys(entry.peerDependencies ?? {})) {
      if (!entry.peerDependenciesMeta?.[name]?.optional) pending.push([from, name, false]);
    }
  };
  need('', { dependencies: Object.fromEntries(Object.keys(install.dependencies).map((name) => [name, ''])) });
  for (const [name, entry] of Object.entries(packed))
    need(REPOSITORY_PLACE[name as keyof typeof REPOSITORY_PLACE], { dependencies: entry.dependencies });
  while (pending.length) {
    const [from, name, optional] = pending.pop()!;
    if (name in packed) continue; // the tarballs themselves
    const key = locate(source.packages, from, name);
    if (!key) {
      if (optional) continue; // another platform's binary, say
      throw new Error(`${name} (needed by ${from || 'the app'}) is not in the repository's lockfile`);
    }
    if (packages[appKey(key)]) continue;
    // Flags that describe the repository's tree (its dev tools), not the app's.
    const { dev: _dev, devOptional: _devOptional, ...entry } = source.packages[key]!;
    packages[appKey(key)] = entry;
    need(key, entry);
  }
  return { name: install.name, lockfileVersion: 3, requires: true, packages };
}

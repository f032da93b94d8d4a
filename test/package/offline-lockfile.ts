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

export interface AppInstall {
  name: string;
  dependencies: Record<string, string>;
  /** The packed kit: its lock entry points at the tarball. */
  kit: { version: string; resolved: string; integrity: string; dependencies: Record<string, string> };
}

const KIT = '@interop-kit/elements';

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
  const packages: Record<string, LockEntry> = {
    '': { name: install.name, dependencies: install.dependencies },
    [`node_modules/${KIT}`]: { ...install.kit, license: 'MIT' },
  };
  const pending: Array<[from: string, name: string, optional: boolean]> = [];
  const need = (from: string, entry: LockEntry) => {
    for (const name of Object.keys(entry.dependencies ?? {})) pending.push([from, name, false]);
    for (const name of Object.keys(entry.optionalDependencies ?? {})) pending.push([from, name, true]);
    for (const name of Object.keys(entry.peerDependencies ?? {})) {
      if (!entry.peerDependenciesMeta?.[name]?.optional) pending.push([from, name, false]);
    }
  };
  need('', {
    dependencies: Object.fromEntries(
      Object.keys(install.dependencies)
        .filter((name) => name !== KIT)
        .map((name) => [name, '']),
    ),
  });
  need(`node_modules/${KIT}`, install.kit);
  while (pending.length) {
    const [from, name, optional] = pending.pop()!;
    // The kit's own dependencies sit at the top of the repository's tree, where it is the root package.
    const key = locate(source.packages, from.startsWith(`node_modules/${KIT}`) ? '' : from, name);
    if (!key) {
      if (optional) continue; // another platform's binary, say
      throw new Error(`${name} (needed by ${from || 'the app'}) is not in the repository's lockfile`);
    }
    if (packages[key]) continue;
    // Flags that describe the repository's tree (its dev tools), not the app's.
    const { dev: _dev, devOptional: _devOptional, ...entry } = source.packages[key]!;
    packages[key] = entry;
    need(key, entry);
  }
  return { name: install.name, lockfileVersion: 3, requires: true, packages };
}

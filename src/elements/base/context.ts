import type { Context } from '@lit/context';
import type { InteropClient } from '../../client/index.js';
import type { Session } from '../../protocol/index.js';

// A context is its key: `createContext` only brands it with the value's type. Written out here so that importing a key
// costs nothing (the launcher takes the client with no @lit/context code, see context-request.ts). The keys are
// registered symbols, so that two copies of the kit on one page (a site's bundle and a CDN launcher, say) still
// find each other's providers.

/** The connection `<ix-provider>` shares with every element inside it. */
export const clientContext = Symbol.for('interop-kit.client') as Context<symbol, InteropClient | undefined>;
/** Who the workbench's employee is, for the tiles placed in it (third-party ones included). */
export const sessionContext = Symbol.for('interop-kit.session') as Context<symbol, Session | undefined>;

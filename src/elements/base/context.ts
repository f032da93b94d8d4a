import type { Context } from '@lit/context';
import type { InteropClient } from '../../client/index.js';
import type { Session } from '../../protocol/index.js';

// A context is its key: `createContext` only brands it with the value's type. Written out here so that importing a key
// costs nothing (the launcher takes the client with no @lit/context code, see context-request.ts).

/** The connection `<ix-provider>` shares with every element inside it. */
export const clientContext = Symbol('ix-client') as Context<symbol, InteropClient | undefined>;
/** Who the workbench's employee is, for the tiles placed in it (third-party ones included). */
export const sessionContext = Symbol('ix-session') as Context<symbol, Session | undefined>;

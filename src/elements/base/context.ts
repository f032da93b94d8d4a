import { createContext } from '@lit/context';
import type { InteropClient } from '../../client/index.js';
import type { Session } from '../../protocol/index.js';

/** The connection `<ix-provider>` shares with every element inside it. */
export const clientContext = createContext<InteropClient | undefined>(Symbol('ix-client'));
/** Who the workbench's employee is, for the tiles placed in it (third-party ones included). */
export const sessionContext = createContext<Session | undefined>(Symbol('ix-session'));

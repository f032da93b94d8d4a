import { createContext } from '@lit/context';
import type { InteropClient } from '../../client/index.js';

/** The connection `<ix-provider>` shares with every element inside it. */
export const clientContext = createContext<InteropClient | undefined>(Symbol('ix-client'));

import type { EventName } from '@lit/react';
import type { IxEventDetails } from '../elements/events.js';

/** An `ix-` event's name, typed with its detail, for @lit/react's `onIx…` props. */
export const eventName = <K extends keyof IxEventDetails>(name: K) => name as EventName<CustomEvent<IxEventDetails[K]>>;

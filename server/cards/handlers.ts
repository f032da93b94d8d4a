import type { Handlers } from '../socket/gateway.js';
import type { Cards } from './cards.js';

export function cardHandlers(cards: Cards): Pick<Handlers, 'card:get'> {
  return {
    'card:get': (payload, session) => cards.card(session.corp, payload.employeeId),
  };
}

import type { Operations } from '../core/operations.js';
import type { Cards } from './cards.js';

export function cardOperations(cards: Cards): Pick<Operations, 'card:get'> {
  return {
    'card:get': (payload, session) => cards.card(session.corp, payload.employeeId),
  };
}

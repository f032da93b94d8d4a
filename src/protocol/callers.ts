/**
 * Who may call an event or author a kind of message: a corp's visitors (customers), its employees, or only its
 * admins (an admin is an employee too). The server refuses everyone else with `forbidden` before doing anything.
 */
export const CALLER_ROLES = ['visitor', 'employee', 'admin'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

export const anyone = ['visitor', 'employee'] as const satisfies readonly CallerRole[];
export const visitors = ['visitor'] as const satisfies readonly CallerRole[];
export const employees = ['employee'] as const satisfies readonly CallerRole[];
export const admins = ['admin'] as const satisfies readonly CallerRole[];

/** Rooms are derived from the token, so a socket can only ever be in rooms it is authorized for. */
export const rooms = {
  customer: (customerId: string) => `customer:${customerId}`,
  staff: (corpId: string) => `staff:${corpId}`,
  /** One employee's sockets (every tab): their own to-dos, and cutting them off when they leave. */
  employee: (corpId: string, employeeId: string) => `employee:${corpId}:${employeeId}`,
  /** Every visitor of a corp: for the team's presence. */
  visitors: (corpId: string) => `visitors:${corpId}`,
};

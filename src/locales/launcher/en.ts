/** The strings of <ix-launcher> (English, built in; other languages load on demand). */
const en = {
  connecting: 'Connecting…',
  contactSales: 'Contact sales',
  unreadCount: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
};
export default en;
export type LauncherTerms = typeof en;

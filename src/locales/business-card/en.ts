/** The strings of <ix-business-card> (English, built in; other languages load on demand). */
const en = {
  call: 'Call',
  cardQrLabel: (name: string) => `QR code of ${name}'s card`,
  cardUnavailable: 'This business card is not available.',
  chatWith: (name: string) => `Chat with ${name}`,
  chatWithMe: 'Chat with me',
  departed: (name: string) => `${name} has left the company.`,
  loading: 'Loading…',
  saveContact: 'Save contact',
  sendEmail: 'Email',
  showQr: 'QR code',
  successorServes: (name: string) => `${name} looks after you now.`,
  verifiedCompany: 'Verified company',
};
export default en;
export type BusinessCardTerms = typeof en;

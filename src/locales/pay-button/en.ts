/** The strings of <ix-pay-button> (English, built in; other languages load on demand). */
const en = {
  buyNow: 'Buy now',
  payAgain: 'Try again',
  payCancel: 'Cancel payment',
  payCanceled: 'The payment was canceled.',
  payExpired: 'The time to pay ran out.',
  payFailed: (reason: string | null) => `The payment failed${reason ? ` (${reason.replaceAll('_', ' ')})` : ''}.`,
  payOpenPage: 'Open the payment page',
  payPreparing: 'Preparing your order…',
  payProcessing: 'Processing your payment…',
  payQrLabel: 'QR code of the payment page',
  payRefunded: 'This order was refunded.',
  payScan: (amount: string) => `Scan with your phone to pay ${amount}`,
  paySucceeded: (amount: string) => `Paid ${amount}. Thank you!`,
  payUnreachable: (reason: string) => `Could not start the payment: ${reason}`,
  paymentRequired: 'Please pay to continue.',
};
export default en;
export type PayButtonTerms = typeof en;

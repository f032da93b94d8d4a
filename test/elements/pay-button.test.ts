import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/pay-button/define.js';
import type { IxPayButton } from '../../src/elements/pay-button/pay-button.js';
import '../../src/elements/provider/define.js';
import type { IxProvider } from '../../src/elements/provider/provider.js';
import type { Order, PaymentStatus } from '../../src/protocol/index.js';
import { backendInfo, forgetVisitor, startBackend, until, useOwnBackend } from './backend.js';
import { decodeQr } from './qr.js';

// This file stops and starts its backend, so it gets one of its own.
useOwnBackend();

const CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  authenticate: '4000002500003155',
  processing: '4000000000000259',
  expires: '4000000000000069',
};

async function payButton(product = 'longjing-250', quantity = 1): Promise<IxPayButton> {
  const { url, corp } = await backendInfo();
  const button = await fixture<IxPayButton>(
    html`<ix-pay-button endpoint=${url} corp=${corp} product=${product} quantity=${quantity}></ix-pay-button>`,
  );
  await until(
    () => !!part(button, 'button') && !part(button, 'button')!.hasAttribute('disabled'),
    10000,
    'the button to be ready',
  );
  return button;
}
const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const statusText = (button: IxPayButton) => part(button, 'status')?.textContent?.trim() ?? '';
const reached = (button: IxPayButton, status: PaymentStatus, timeout = 10000) =>
  until(() => button.status === status, timeout, `status ${status}`);
const pay = (order: Order, form: Record<string, string>) =>
  executeServerCommand('sandbox-pay', { url: order.nextAction!.url, form });

async function clickAndAwaitQr(button: IxPayButton): Promise<Order> {
  part(button, 'button')!.click();
  await reached(button, 'requires_action');
  await until(() => !!part(button, 'qr'), 10000, 'the QR code');
  return button.order!;
}

describe('ix-pay-button', () => {
  beforeEach(() => forgetVisitor());
  afterEach(async () => {
    fixtureCleanup();
    await startBackend();
  });

  it('buys through the QR flow: the QR code decodes to the payment page, the server confirms, states and events follow', async () => {
    const button = await payButton('longjing-250', 2);
    expect(button.matches(':state(idle)')).to.equal(true);
    await expect(button).to.be.accessible();
    const statuses: string[] = [];
    button.addEventListener('ix-pay-status', (event) => statuses.push(event.detail.status));
    const order = await clickAndAwaitQr(button);
    expect(order.amountMinor, 'priced by the server').to.equal(33600);
    expect(button.getAttribute('status')).to.equal('requires_action');
    expect(button.matches(':state(requires_action)')).to.equal(true);
    expect(await decodeQr(part(button, 'qr') as unknown as SVGSVGElement)).to.equal(order.nextAction!.url);
    expect((part(button, 'pay-link') as HTMLAnchorElement).href).to.equal(order.nextAction!.url);
    expect(statusText(button)).to.contain('Scan with your phone to pay');
    await expect(button).to.be.accessible();

    const succeeded = oneEvent(button, 'ix-pay-succeeded');
    expect(await pay(order, { card: CARDS.succeeds })).to.equal(303);
    expect((await succeeded).detail.order.id).to.equal(order.id);
    await button.updateComplete;
    expect(statusText(button)).to.equal('Paid ¥336.00. Thank you!');
    expect(button.matches(':state(succeeded)')).to.equal(true);
    expect(part(button, 'qr'), 'nothing left to scan').to.equal(null);
    expect(statuses).to.deep.equal(['creating', 'requires_action', 'succeeded']);
    await expect(button).to.be.accessible();
  });

  it('renders the declined, extra-step, processing and expired paths', async () => {
    const declined = await payButton();
    await pay(await clickAndAwaitQr(declined), { card: CARDS.declined });
    const failed = oneEvent(declined, 'ix-pay-failed');
    await reached(declined, 'failed');
    expect((await failed).detail.order.failureReason).to.equal('card_declined');
    await declined.updateComplete;
    expect(statusText(declined)).to.equal('The payment failed (card declined).');
    expect(part(declined, 'button')!.textContent!.trim()).to.equal('Try again');
    await expect(declined).to.be.accessible();
    fixtureCleanup();

    const extraStep = await payButton('gift-box');
    const extraOrder = await clickAndAwaitQr(extraStep);
    await pay(extraOrder, { card: CARDS.authenticate });
    await pay(extraOrder, { authentication: 'complete' });
    await reached(extraStep, 'succeeded');
    fixtureCleanup();

    const processing = await payButton('tieguanyin-200');
    const processingOrder = await clickAndAwaitQr(processing);
    const seen: string[] = [];
    processing.addEventListener('ix-pay-status', (event) => seen.push(event.detail.status));
    await pay(processingOrder, { card: CARDS.processing });
    await reached(processing, 'processing');
    await processing.updateComplete;
    expect(statusText(processing)).to.equal('Processing your payment…');
    expect(part(processing, 'button')!.getAttribute('aria-busy')).to.equal('true');
    await expect(processing).to.be.accessible();
    await reached(processing, 'succeeded');
    expect(seen).to.deep.equal(['processing', 'succeeded']);
    fixtureCleanup();

    const expiring = await payButton();
    await pay(await clickAndAwaitQr(expiring), { card: CARDS.expires });
    await reached(expiring, 'expired');
    await expiring.updateComplete;
    expect(statusText(expiring)).to.equal('The time to pay ran out.');
    expect(expiring.matches(':state(expired)')).to.equal(true);
    await expect(expiring).to.be.accessible();
  });

  it('two clicks, a dropped connection and a page reload make one order, found again after the reload', async () => {
    const button = await payButton('gift-box', 3);
    part(button, 'button')!.click();
    part(button, 'button')!.click();
    await executeServerCommand('drop-connections');
    await reached(button, 'requires_action');
    const order = button.order!;
    fixtureCleanup();

    // The page is loaded again: a new element for the same purchase finds its pending order.
    const reloaded = await payButton('gift-box', 3);
    await reached(reloaded, 'requires_action');
    expect(reloaded.order!.id).to.equal(order.id);
    expect(await executeServerCommand('order-count', { customerId: order.customerId })).to.equal(1);
    await pay(reloaded.order!, { card: CARDS.succeeds });
    await reached(reloaded, 'succeeded');
  });

  it('a purchase cut off on its way to the backend is sent again once the connection is back, and makes one order', async () => {
    const { url, corp } = await backendInfo();
    const provider = await fixture<IxProvider>(html`<ix-provider endpoint=${url} corp=${corp}>
      <ix-pay-button product="tieguanyin-200" quantity="2"></ix-pay-button>
    </ix-provider>`);
    await provider.client!.whenOnline();
    const button = provider.querySelector('ix-pay-button')!;
    await until(() => part(button, 'button')?.hasAttribute('disabled') === false, 10000, 'the button to be ready');
    await executeServerCommand('drop-on-event', { event: 'pay:create' });
    const errors: unknown[] = [];
    button.addEventListener('ix-error', (event) => errors.push(event.detail.error));
    part(button, 'button')!.click();
    await reached(button, 'requires_action');
    expect(await executeServerCommand('order-count', { customerId: button.order!.customerId })).to.equal(1);
    expect(button.order!.quantity).to.equal(2);
    expect(errors, "a dropped connection is not the payer's problem").to.deep.equal([]);
  });

  it('ix-pay-click can be cancelled; an unpaid order can be cancelled and a new attempt is a new order', async () => {
    const button = await payButton();
    button.addEventListener('ix-pay-click', (event) => event.preventDefault(), { once: true });
    part(button, 'button')!.click();
    await button.updateComplete;
    expect(button.status).to.equal('idle');
    expect(button.order).to.equal(undefined);

    const first = await clickAndAwaitQr(button);
    part(button, 'cancel')!.click();
    await reached(button, 'canceled');
    await button.updateComplete;
    expect(statusText(button)).to.equal('The payment was canceled.');
    const second = await clickAndAwaitQr(button);
    expect(second.id).to.not.equal(first.id);
  });

  it('is form-associated: a required payment blocks the form until paid, then submits the order id', async () => {
    const { url, corp } = await backendInfo();
    const form = await fixture<HTMLFormElement>(html`<form>
      <ix-pay-button endpoint=${url} corp=${corp} product="gift-box" name="order" required></ix-pay-button>
    </form>`);
    const button = form.querySelector('ix-pay-button')!;
    await until(() => !part(button, 'button')?.hasAttribute('disabled'), 10000, 'the button');
    expect(button.form).to.equal(form);
    expect(form.checkValidity()).to.equal(false);
    expect(button.validity.valueMissing).to.equal(true);
    const order = await clickAndAwaitQr(button);
    await pay(order, { card: CARDS.succeeds });
    await reached(button, 'succeeded');
    await button.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('order')).to.equal(order.id);
  });

  it('says so when the backend is down, and the host page carries on', async () => {
    const button = await payButton();
    await executeServerCommand('backend-stop');
    const failed = oneEvent(button, 'ix-error');
    part(button, 'button')!.click();
    expect((await failed).detail.error.code).to.equal('unavailable');
    await button.updateComplete;
    expect(button.status).to.equal('idle');
    expect(statusText(button)).to.match(/^Could not start the payment/);
    await expect(button).to.be.accessible();
  });
});

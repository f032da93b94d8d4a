import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/pay-button/define.js';
import type { IxPayButton } from '../src/elements/pay-button/pay-button.js';
import type { PaymentStatus } from '../src/protocol/index.js';
import { BACKEND, CORP, type THEMES, LOOK_ARG_TYPES, TEST_CARDS, loaders, payWith, until } from './support.js';

interface Args {
  product: string;
  quantity: number;
  theme: (typeof THEMES)[number];
  lang: string;
}

const meta: Meta<Args> = {
  title: 'Elements/ix-pay-button',
  component: 'ix-pay-button',
  loaders: [loaders.newVisitor],
  args: { product: 'gift-box', quantity: 1, theme: 'light', lang: 'en' },
  argTypes: {
    product: { control: 'select', options: ['longjing-250', 'tieguanyin-200', 'gift-box'] },
    quantity: { control: { type: 'number', min: 1, max: 99 } },
    ...LOOK_ARG_TYPES,
  },
  render: (
    args,
    { loaded },
  ) => html`<ix-pay-button endpoint=${BACKEND} corp=${CORP} token=${loaded.visitor.token} product=${args.product}
    quantity=${args.quantity} theme=${args.theme} lang=${args.lang}></ix-pay-button>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Presses Buy, waits for the QR code, then (optionally) pays on the sandbox page with a test card. */
function buyThen(card: string | undefined, waitFor: PaymentStatus): Story['play'] {
  return async ({ canvasElement }) => {
    const button = canvasElement.querySelector<IxPayButton>('ix-pay-button')!;
    await until(() => button.shadowRoot?.querySelector<HTMLButtonElement>('[part="button"]')?.disabled === false);
    button.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    await until(() => button.status === 'requires_action');
    if (card && button.order?.nextAction) await payWith(button.order.nextAction.url, card);
    await until(() => button.status === waitFor, 15_000);
  };
}

export const Idle: Story = {};
export const WaitingForThePayer: Story = { play: buyThen(undefined, 'requires_action') };
export const Succeeded: Story = { play: buyThen(TEST_CARDS.succeeds, 'succeeded') };
export const Declined: Story = { play: buyThen(TEST_CARDS.declined, 'failed') };
export const Processing: Story = { play: buyThen(TEST_CARDS.processing, 'processing') };
export const Expired: Story = { play: buyThen(TEST_CARDS.expires, 'expired') };
export const Canceled: Story = {
  play: async (context) => {
    await buyThen(undefined, 'requires_action')!(context);
    const button = context.canvasElement.querySelector<IxPayButton>('ix-pay-button')!;
    button.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel"]')!.click();
    await until(() => button.status === 'canceled');
  },
};
export const Dark: Story = { args: { theme: 'dark' }, play: buyThen(undefined, 'requires_action') };
export const Chinese: Story = { args: { lang: 'zh-CN' } };

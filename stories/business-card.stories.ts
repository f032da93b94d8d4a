import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/business-card/define.js';
import { BUSINESS_CARD_LAYOUTS } from '../src/elements/business-card/business-card.js';
import { BACKEND, CORP, type THEMES, LOOK_ARG_TYPES, loaders } from './support.js';

interface Args {
  employee: string;
  layout: (typeof BUSINESS_CARD_LAYOUTS)[number];
  theme: (typeof THEMES)[number];
  lang: string;
}

const meta: Meta<Args> = {
  title: 'Elements/ix-business-card',
  component: 'ix-business-card',
  loaders: [loaders.newVisitor],
  args: { employee: 'emp_lin', layout: 'full', theme: 'light', lang: 'en' },
  argTypes: {
    employee: { control: 'select', options: ['emp_lin', 'emp_sara', 'emp_nobody'] },
    layout: { control: 'inline-radio', options: BUSINESS_CARD_LAYOUTS },
    ...LOOK_ARG_TYPES,
  },
  render: (
    args,
    { loaded },
  ) => html`<ix-business-card endpoint=${BACKEND} corp=${CORP} token=${loaded.visitor.token} employee=${args.employee}
    layout=${args.layout} theme=${args.theme} lang=${args.lang}></ix-business-card>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Full: Story = {};
export const Compact: Story = { args: { layout: 'compact' } };
export const WithQrCode: Story = {
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector('ix-business-card')!;
    await customElements.whenDefined('ix-business-card');
    for (let tries = 0; tries < 100 && !card.shadowRoot?.querySelector('[part~="qr-toggle"]'); tries++)
      await new Promise((r) => setTimeout(r, 50));
    card.shadowRoot?.querySelector<HTMLElement>('[part~="qr-toggle"]')?.click();
  },
};
export const UnknownEmployee: Story = { args: { employee: 'emp_nobody' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Chinese: Story = { args: { lang: 'zh-CN' } };

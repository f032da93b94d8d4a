import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/product-card/define.js';
import { BACKEND, CORP, type THEMES, LOOK_ARG_TYPES, loaders } from './support.js';

interface Args {
  product: string;
  noBuy: boolean;
  theme: (typeof THEMES)[number];
  lang: string;
}

const meta: Meta<Args> = {
  title: 'Elements/ix-product-card',
  component: 'ix-product-card',
  loaders: [loaders.newVisitor],
  args: { product: 'longjing-250', noBuy: false, theme: 'light', lang: 'en' },
  argTypes: {
    product: { control: 'select', options: ['longjing-250', 'tieguanyin-200', 'gift-box', 'no-such-tea'] },
    ...LOOK_ARG_TYPES,
  },
  render: (
    args,
    { loaded },
  ) => html`<ix-product-card endpoint=${BACKEND} corp=${CORP} token=${loaded.visitor.token} product=${args.product}
    ?no-buy=${args.noBuy} theme=${args.theme} lang=${args.lang}></ix-product-card>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};
export const PricedInDollars: Story = { args: { product: 'gift-box' } };
export const WithoutBuy: Story = { args: { noBuy: true } };
export const NotFound: Story = { args: { product: 'no-such-tea' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Chinese: Story = { args: { lang: 'zh-CN' } };

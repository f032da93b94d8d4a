import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/provider/define.js';
import '../src/elements/product-card/define.js';
import '../src/elements/business-card/define.js';
import { BACKEND, CORP, loaders } from './support.js';

const meta: Meta = {
  title: 'Elements/ix-provider',
  component: 'ix-provider',
  loaders: [loaders.newVisitor],
};
export default meta;

/** One connection shared by the elements inside: a product card and the advisor's card. */
export const SharedConnection: StoryObj = {
  render: (_args, { loaded }) => html`<ix-provider endpoint=${BACKEND} corp=${CORP} token=${loaded.visitor.token}>
    <div style="display: flex; gap: 16px; flex-wrap: wrap">
      <ix-product-card product="tieguanyin-200"></ix-product-card>
      <ix-business-card employee="emp_sara" layout="compact"></ix-business-card>
    </div>
  </ix-provider>`,
};

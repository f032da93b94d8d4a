import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/workbench/define.js';
import { DEFAULT_LAYOUT } from '../src/elements/workbench/layout.js';
import { BACKEND, CORP, type THEMES, LOOK_ARG_TYPES, loaders } from './support.js';

interface Args {
  layout: unknown;
  theme: (typeof THEMES)[number];
  lang: string;
}

const meta: Meta<Args> = {
  title: 'Elements/ix-workbench',
  component: 'ix-workbench',
  loaders: [loaders.visitorWithHistory, loaders.employee],
  args: { layout: DEFAULT_LAYOUT, theme: 'light', lang: 'en' },
  argTypes: {
    layout: { control: 'object' },
    ...LOOK_ARG_TYPES,
  },
  render: (
    args,
    { loaded },
  ) => html`<ix-workbench endpoint=${BACKEND} corp=${CORP} token=${loaded.employee.token} .layout=${args.layout}
    selected=${loaded.history.conversationId} theme=${args.theme} lang=${args.lang}></ix-workbench>`,
};
export default meta;
type Story = StoryObj<Args>;

export const DefaultLayout: Story = {};
/** WeCom-style templates: key data, a link list, an image and a sandboxed web view beside the inbox. */
export const ComposedLayout: Story = {
  args: {
    layout: [
      { type: 'keydata', span: 'full' },
      {
        type: 'list',
        title: 'Sales playbook',
        items: [{ label: 'Price list', href: 'https://example.com/prices', description: 'Updated weekly' }],
      },
      { type: 'todos' },
      { type: 'webview', title: 'Shipping tracker', src: 'https://example.com/', height: 240 },
      { type: 'inbox', span: 'full' },
    ],
  },
};
export const Dark: Story = { args: { theme: 'dark' } };
export const Chinese: Story = { args: { lang: 'zh-CN' } };

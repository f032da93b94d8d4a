import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/launcher/define.js';
import { LAUNCHER_POSITIONS, type IxLauncher } from '../src/elements/launcher/launcher.js';
import { BACKEND, CORP, type THEMES, LOOK_ARG_TYPES, loaders } from './support.js';

interface Args {
  label: string;
  position: (typeof LAUNCHER_POSITIONS)[number];
  product: string;
  theme: (typeof THEMES)[number];
  lang: string;
  dir: 'ltr' | 'rtl';
  endpoint: string;
}

const meta: Meta<Args> = {
  title: 'Elements/ix-launcher',
  component: 'ix-launcher',
  loaders: [loaders.newVisitor],
  args: {
    label: 'Contact sales',
    position: 'bottom-end',
    product: 'longjing-250',
    theme: 'light',
    lang: 'en',
    dir: 'ltr',
    endpoint: BACKEND,
  },
  argTypes: {
    position: { control: 'select', options: LAUNCHER_POSITIONS },
    ...LOOK_ARG_TYPES,
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  render: (args, { loaded }) => html`<div style="min-height: 640px" dir=${args.dir}>
    <ix-launcher endpoint=${args.endpoint} corp=${CORP} token=${loaded.visitor.token} label=${args.label} position=${args.position}
      product=${args.product} theme=${args.theme} lang=${args.lang}></ix-launcher>
  </div>`,
};
export default meta;
type Story = StoryObj<Args>;

const open: Story['play'] = async ({ canvasElement }) => canvasElement.querySelector<IxLauncher>('ix-launcher')!.open();

export const Closed: Story = {};
export const Open: Story = { play: open };
export const Dark: Story = { args: { theme: 'dark' }, play: open };
export const RightToLeft: Story = { args: { dir: 'rtl' }, play: open };
export const Chinese: Story = { args: { lang: 'zh-CN', label: '联系销售' }, play: open };
/** The backend cannot be reached: the bubble still shows, and the window says so. */
export const Offline: Story = {
  args: { endpoint: 'http://127.0.0.1:9' },
  loaders: [async () => ({ visitor: { token: '' } })],
  play: open,
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/elements/chat-window/define.js';
import { BACKEND, CORP, type THEMES, LOOK_ARG_TYPES, loaders } from './support.js';

interface Args {
  heading: string;
  theme: (typeof THEMES)[number];
  lang: string;
  dir: 'ltr' | 'rtl';
}

const meta: Meta<Args> = {
  title: 'Elements/ix-chat-window',
  component: 'ix-chat-window',
  args: { heading: '', theme: 'light', lang: 'en', dir: 'ltr' },
  argTypes: {
    ...LOOK_ARG_TYPES,
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  loaders: [loaders.visitorWithHistory],
  render: (
    args,
    { loaded },
  ) => html`<ix-chat-window endpoint=${BACKEND} corp=${CORP} token=${loaded.history?.token ?? loaded.visitor?.token ?? ''}
    heading=${args.heading || nothing} theme=${args.theme} lang=${args.lang} dir=${args.dir}
    style="--ix-chat-height: 560px; max-width: 420px"></ix-chat-window>`,
};
export default meta;
type Story = StoryObj<Args>;

/** A new visitor: nothing said yet. */
export const Empty: Story = { loaders: [loaders.newVisitor] };
/** A returning visitor with 40 messages. */
export const History: Story = {};
export const Dark: Story = { args: { theme: 'dark' } };
export const RightToLeft: Story = { args: { dir: 'rtl' } };
export const Chinese: Story = { args: { lang: 'zh-CN' } };
/** The backend cannot be reached. */
export const Offline: Story = {
  loaders: [async () => ({ visitor: { token: '' } })],
  render: (
    args,
  ) => html`<ix-chat-window endpoint="http://127.0.0.1:9" corp=${CORP} theme=${args.theme} lang=${args.lang}
    style="--ix-chat-height: 360px; max-width: 420px"></ix-chat-window>`,
};
/** The employee's side of the same conversation, with the composer's tools. */
export const EmployeeView: Story = {
  loaders: [loaders.visitorWithHistory, loaders.employee],
  render: (args, { loaded }) => html`<ix-chat-window endpoint=${BACKEND} corp=${CORP} token=${loaded.employee.token}
    conversation=${loaded.history.conversationId} theme=${args.theme} lang=${args.lang} style="--ix-chat-height: 560px; max-width: 480px"></ix-chat-window>`,
};

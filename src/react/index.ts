/**
 * React wrappers (for React 18 and earlier, which set attributes rather than properties and do not listen to custom
 * events; React 19 handles custom elements itself — see jsx.ts for its typings). Made with @lit/react: properties are
 * set as properties, `ix-` events are `onIx…` callbacks.
 *
 *   import { IxChatWindow } from '@interop-kit/elements/react';
 *   <IxChatWindow client={client} conversation={id} onIxMessage={(event) => …} />
 */
// Client components for React Server Components (Next.js's App Router): a server page may render them; the elements
// are defined, and their events wired, in the browser.
'use client';
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { IxEventDetails } from '../elements/events.js';
import '../elements/provider/define.js';
import '../elements/launcher/define.js';
import '../elements/chat-window/define.js';
import '../elements/product-card/define.js';
import '../elements/pay-button/define.js';
import '../elements/business-card/define.js';
import '../elements/workbench/define.js';
import { IxProvider as IxProviderElement } from '../elements/provider/provider.js';
import { IxLauncher as IxLauncherElement } from '../elements/launcher/launcher.js';
import { IxChatWindow as IxChatWindowElement } from '../elements/chat-window/chat-window.js';
import { IxProductCard as IxProductCardElement } from '../elements/product-card/product-card.js';
import { IxPayButton as IxPayButtonElement } from '../elements/pay-button/pay-button.js';
import { IxBusinessCard as IxBusinessCardElement } from '../elements/business-card/business-card.js';
import { IxWorkbench as IxWorkbenchElement } from '../elements/workbench/workbench.js';

const event = <K extends keyof IxEventDetails>(name: K) => name as EventName<CustomEvent<IxEventDetails[K]>>;

export const IxProvider = createComponent({
  react: React,
  tagName: 'ix-provider',
  elementClass: IxProviderElement,
  events: { onIxConnectionChange: event('ix-connection-change'), onIxError: event('ix-error') },
});

export const IxLauncher = createComponent({
  react: React,
  tagName: 'ix-launcher',
  elementClass: IxLauncherElement,
  events: {
    onIxOpen: event('ix-open'),
    onIxClose: event('ix-close'),
    onIxUnreadChange: event('ix-unread-change'),
    onIxReady: event('ix-ready'),
    onIxError: event('ix-error'),
  },
});

export const IxChatWindow = createComponent({
  react: React,
  tagName: 'ix-chat-window',
  elementClass: IxChatWindowElement,
  events: { onIxSend: event('ix-send'), onIxMessage: event('ix-message'), onIxError: event('ix-error') },
});

export const IxProductCard = createComponent({
  react: React,
  tagName: 'ix-product-card',
  elementClass: IxProductCardElement,
  events: { onIxContactSales: event('ix-contact-sales'), onIxError: event('ix-error') },
});

export const IxPayButton = createComponent({
  react: React,
  tagName: 'ix-pay-button',
  elementClass: IxPayButtonElement,
  events: {
    onIxPayClick: event('ix-pay-click'),
    onIxPayStatus: event('ix-pay-status'),
    onIxPaySucceeded: event('ix-pay-succeeded'),
    onIxPayFailed: event('ix-pay-failed'),
    onIxError: event('ix-error'),
  },
});

export const IxBusinessCard = createComponent({
  react: React,
  tagName: 'ix-business-card',
  elementClass: IxBusinessCardElement,
  events: { onIxChatRequest: event('ix-chat-request'), onIxError: event('ix-error') },
});

export const IxWorkbench = createComponent({
  react: React,
  tagName: 'ix-workbench',
  elementClass: IxWorkbenchElement,
  events: { onIxConversationSelect: event('ix-conversation-select'), onIxError: event('ix-error') },
});

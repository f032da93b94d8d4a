// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/chat-window/define.js';
import { IxChatWindow as IxChatWindowElement } from '../elements/chat-window/chat-window.js';
import { eventName } from './event-name.js';

/** `<ix-chat-window>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxChatWindow = createComponent({
  react: React,
  tagName: 'ix-chat-window',
  elementClass: IxChatWindowElement,
  events: {
    onIxSend: eventName('ix-send'),
    onIxMessage: eventName('ix-message'),
    onIxDismiss: eventName('ix-dismiss'),
    onIxError: eventName('ix-error'),
  },
});

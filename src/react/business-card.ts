// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/business-card/define.js';
import { IxBusinessCard as IxBusinessCardElement } from '../elements/business-card/business-card.js';
import { eventName } from './event-name.js';

/** `<ix-business-card>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxBusinessCard = createComponent({
  react: React,
  tagName: 'ix-business-card',
  elementClass: IxBusinessCardElement,
  events: {
    onIxChatRequest: eventName('ix-chat-request'),
    onIxError: eventName('ix-error'),
  },
});

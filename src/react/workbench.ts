// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/workbench/define.js';
import { IxWorkbench as IxWorkbenchElement } from '../elements/workbench/workbench.js';
import { eventName } from './event-name.js';

/** `<ix-workbench>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxWorkbench = createComponent({
  react: React,
  tagName: 'ix-workbench',
  elementClass: IxWorkbenchElement,
  events: {
    onIxConversationSelect: eventName('ix-conversation-select'),
    onIxError: eventName('ix-error'),
  },
});

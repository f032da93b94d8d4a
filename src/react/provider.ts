// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/provider/define.js';
import { IxProvider as IxProviderElement } from '../elements/provider/provider.js';
import { eventName } from './event-name.js';

/** `<ix-provider>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxProvider = createComponent({
  react: React,
  tagName: 'ix-provider',
  elementClass: IxProviderElement,
  events: {
    onIxConnectionChange: eventName('ix-connection-change'),
    onIxError: eventName('ix-error'),
  },
});

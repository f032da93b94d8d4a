// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/launcher/define.js';
import { IxLauncher as IxLauncherElement } from '../elements/launcher/launcher.js';
import { eventName } from './event-name.js';

/** `<ix-launcher>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxLauncher = createComponent({
  react: React,
  tagName: 'ix-launcher',
  elementClass: IxLauncherElement,
  events: {
    onIxOpen: eventName('ix-open'),
    onIxClose: eventName('ix-close'),
    onIxUnreadChange: eventName('ix-unread-change'),
    onIxReady: eventName('ix-ready'),
    onIxError: eventName('ix-error'),
  },
});

// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/pay-button/define.js';
import { IxPayButton as IxPayButtonElement } from '../elements/pay-button/pay-button.js';
import { eventName } from './event-name.js';

/** `<ix-pay-button>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxPayButton = createComponent({
  react: React,
  tagName: 'ix-pay-button',
  elementClass: IxPayButtonElement,
  events: {
    onIxPayClick: eventName('ix-pay-click'),
    onIxPayStatus: eventName('ix-pay-status'),
    onIxPaySucceeded: eventName('ix-pay-succeeded'),
    onIxPayFailed: eventName('ix-pay-failed'),
    onIxError: eventName('ix-error'),
  },
});

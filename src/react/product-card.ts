// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Client components for React Server Components (Next.js's App Router): a server page may render them; the element is
// defined, and its events wired, in the browser.
'use client';
import { createComponent } from '@lit/react';
import * as React from 'react';
import '../elements/product-card/define.js';
import { IxProductCard as IxProductCardElement } from '../elements/product-card/product-card.js';
import { eventName } from './event-name.js';

/** `<ix-product-card>` for React 18 and earlier: properties set as properties, `ix-` events as `onIx…` callbacks. */
export const IxProductCard = createComponent({
  react: React,
  tagName: 'ix-product-card',
  elementClass: IxProductCardElement,
  events: {
    onIxContactSales: eventName('ix-contact-sales'),
    onIxError: eventName('ix-error'),
  },
});

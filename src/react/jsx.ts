/**
 * JSX typings for React 19, which sets custom elements' properties and listens to their events itself:
 *
 *   import type {} from '@interop-kit/elements/react/jsx';
 *   <ix-product-card product="longjing-250" onix-contact-sales={(event) => …} />
 *
 * Each `ix-` tag takes its element's properties (as React 19 passes them) and `on<event>` handlers for its events.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { IxEventDetails } from '../elements/events.js';
import type { IxProvider } from '../elements/provider/provider.js';
import type { IxLauncher } from '../elements/launcher/launcher.js';
import type { IxChatWindow } from '../elements/chat-window/chat-window.js';
import type { IxProductCard } from '../elements/product-card/product-card.js';
import type { IxPayButton } from '../elements/pay-button/pay-button.js';
import type { IxBusinessCard } from '../elements/business-card/business-card.js';
import type { IxWorkbench } from '../elements/workbench/workbench.js';

type Handlers = { [K in keyof IxEventDetails as `on${K}`]?: (event: CustomEvent<IxEventDetails[K]>) => void };
/** An element's own writable properties, optional, plus React's HTML attributes, `class`, and the `ix-` events. */
type Props<E extends HTMLElement> = Partial<
  Omit<E, keyof HTMLElement | 'render' | 'connectedCallback' | 'disconnectedCallback'>
> &
  DetailedHTMLProps<HTMLAttributes<E>, E> & { class?: string } & Handlers;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ix-provider': Props<IxProvider>;
      'ix-launcher': Props<IxLauncher>;
      'ix-chat-window': Props<IxChatWindow>;
      'ix-product-card': Props<IxProductCard>;
      'ix-pay-button': Props<IxPayButton>;
      'ix-business-card': Props<IxBusinessCard>;
      'ix-workbench': Props<IxWorkbench>;
    }
  }
}

// An Angular app: [property] bindings set the elements' properties, (ix-…) bindings listen to their events.
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import '../../../../src/elements/provider/define.js';
import '../../../../src/elements/product-card/define.js';
import '../../../../src/elements/pay-button/define.js';
import '../../../../src/elements/chat-window/define.js';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ix-provider [endpoint]="endpoint" [corp]="corp">
      <h1 id="renders">Renders: {{ renders() }}</h1>
      <button id="rerender" type="button" (click)="renders.set(renders() + 1)">Re-render</button>
      <button id="switch" type="button" (click)="product.set('gift-box')">Show the gift box</button>
      <p id="events">{{ events().join(',') }}</p>
      <ix-product-card [product]="product()" (ix-contact-sales)="contact($event)"></ix-product-card>
      <ix-pay-button product="tieguanyin-200" [quantity]="2" (ix-pay-status)="record('pay:' + $any($event).detail.status)"></ix-pay-button>
      <ix-chat-window (ix-send)="record('send')"></ix-chat-window>
    </ix-provider>
  `,
})
class HostApp {
  readonly endpoint = new URLSearchParams(location.search).get('endpoint') ?? '';
  readonly corp = new URLSearchParams(location.search).get('corp') ?? '';
  readonly product = signal('longjing-250');
  readonly renders = signal(0);
  readonly events = signal<string[]>([]);

  record(name: string) {
    this.events.update((list) => [...list, name]);
  }

  contact(event: Event) {
    event.preventDefault(); // this app has no launcher: it handles the request itself
    this.record(`contact:${(event as CustomEvent<{ productId: string }>).detail.productId}`);
  }
}

bootstrapApplication(HostApp, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) =>
  console.error(error),
);

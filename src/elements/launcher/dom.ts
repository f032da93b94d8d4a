import { hostCss, tokensCss } from '../base/tokens.js';
import { launcherStyles } from './launcher.styles.js';

// The launcher's DOM without lit: its elements built with DOM calls, its attribute-backed accessors, its chime.

let sheet: CSSStyleSheet | undefined;

/** Gives a launcher's shadow root the one stylesheet all launchers share (constructable: a strict `style-src` allows it). */
export function adoptStyles(root: ShadowRoot) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(hostCss + tokensCss + launcherStyles);
  }
  root.adoptedStyleSheets = [sheet];
}

/** Sets an attribute, or removes it when the value is undefined or null. */
export function setOrRemove(element: Element, name: string, value: unknown) {
  if (value === undefined || value === null) element.removeAttribute(name);
  else element.setAttribute(name, String(value));
}

/** Builds an element: `attributes` are set as given; children are nodes or text. */
export function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const element =
    tag === 'svg' || tag === 'path'
      ? document.createElementNS('http://www.w3.org/2000/svg', tag)
      : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element as HTMLElement;
}

/** The attribute-backed properties: accessors on the prototype, enumerable as lit makes them (wrappers look for them). */
export function reflectAttributes(
  prototype: HTMLElement,
  text: Record<string, string | undefined>,
  booleans: Record<string, string>,
) {
  const define = (
    name: string,
    get: (this: HTMLElement) => unknown,
    set: (this: HTMLElement, value: unknown) => void,
  ) => Object.defineProperty(prototype, name, { get, set, configurable: true, enumerable: true });
  for (const [name, fallback] of Object.entries(text)) {
    define(
      name,
      function () {
        return this.getAttribute(name) ?? fallback;
      },
      function (value) {
        setOrRemove(this, name, value);
      },
    );
  }
  for (const [name, attribute] of Object.entries(booleans)) {
    define(
      name,
      function () {
        return this.hasAttribute(attribute);
      },
      function (value) {
        this.toggleAttribute(attribute, !!value);
      },
    );
  }
}

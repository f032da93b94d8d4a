import { expect, fixtureCleanup } from '@open-wc/testing';
import '../../src/elements/provider/define.js';
import '../../src/elements/chat-window/define.js';
import '../../src/elements/launcher/define.js';
import '../../src/elements/product-card/define.js';
import '../../src/elements/pay-button/define.js';
import '../../src/elements/business-card/define.js';
import '../../src/elements/workbench/define.js';

interface ManifestAttribute {
  name: string;
  fieldName?: string;
  type?: { text: string };
}
interface Manifest {
  modules: Array<{
    declarations?: Array<{ tagName?: string; customElement?: boolean; attributes?: ManifestAttribute[] }>;
  }>;
}

const settled = (element: Element) =>
  (element as Element & { updateComplete?: Promise<unknown> }).updateComplete ?? Promise.resolve();

describe('attributes (every element, every documented attribute)', () => {
  afterEach(() => {
    fixtureCleanup();
    for (const element of document.querySelectorAll('body > [data-attribute-test]')) element.remove();
  });

  it('removing an attribute restores the property’s default', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
    const elements = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .filter((declaration) => declaration.customElement && declaration.tagName);
    expect(elements.length).to.equal(7);
    let checked = 0;
    for (const { tagName, attributes = [] } of elements) {
      for (const { name, fieldName, type } of attributes) {
        if (!fieldName) continue;
        // A fresh element per attribute, out of any provider and without a backend: nothing else changes it.
        const element = document.createElement(tagName!) as unknown as HTMLElement & Record<string, unknown>;
        element.dataset.attributeTest = '';
        document.body.append(element);
        await settled(element);
        const before = element[fieldName];
        element.setAttribute(name, type?.text === 'boolean' ? '' : 'x-other');
        await settled(element);
        expect(element[fieldName], `<${tagName} ${name}> takes the attribute`).to.not.deep.equal(before);
        element.removeAttribute(name);
        await settled(element);
        expect(element[fieldName], `<${tagName}> without ${name}: ${fieldName} is its default again`).to.deep.equal(
          before,
        );
        element.remove();
        checked++;
      }
    }
    expect(checked, 'attributes checked').to.be.greaterThan(40);
  });
});

// A React 19 app: React sets the elements' properties and listens to their events itself (typings: src/react/jsx.ts).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type {} from '../../../src/react/jsx.js';
import '../../../src/elements/provider/define.js';
import '../../../src/elements/product-card/define.js';
import '../../../src/elements/pay-button/define.js';
import '../../../src/elements/chat-window/define.js';

const query = new URLSearchParams(location.search);
const endpoint = query.get('endpoint') ?? '';
const corp = query.get('corp') ?? '';

/** Elements that come and go with the app's state: with connections of their own, and inside a provider of their own. */
function Comings() {
  return (
    <section id="comings">
      <ix-chat-window endpoint={endpoint} corp={corp} />
      <ix-provider endpoint={endpoint} corp={corp}>
        <ix-product-card product="gift-box" />
      </ix-provider>
    </section>
  );
}

function App() {
  const [shown, setShown] = useState(false);
  const [product, setProduct] = useState('longjing-250');
  const [renders, setRenders] = useState(0);
  const [events, setEvents] = useState<string[]>([]);
  const record = (name: string) => setEvents((list) => [...list, name]);
  return (
    <>
      <ix-provider endpoint={endpoint} corp={corp}>
        <h1 id="renders">Renders: {renders}</h1>
        <button id="rerender" type="button" onClick={() => setRenders((n) => n + 1)}>
          Re-render
        </button>
        <button id="switch" type="button" onClick={() => setProduct('gift-box')}>
          Show the gift box
        </button>
        <p id="events">{events.join(',')}</p>
        <ix-product-card
          product={product}
          onix-contact-sales={(event) => {
            event.preventDefault(); // this app has no launcher: it handles the request itself
            record(`contact:${event.detail.productId}`);
          }}
        />
        <ix-pay-button
          product="tieguanyin-200"
          quantity={2}
          onix-pay-status={(event) => record(`pay:${event.detail.status}`)}
        />
        <ix-chat-window onix-send={() => record('send')} />
      </ix-provider>
      {/* Outside the app's provider: these make connections of their own. */}
      <button id="toggle" type="button" onClick={() => setShown((value) => !value)}>
        {shown ? 'Hide' : 'Show'}
      </button>
      {shown && <Comings />}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

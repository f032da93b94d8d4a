// A React 18 app: the kit's @lit/react wrappers set properties and turn `ix-` events into callbacks.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { IxChatWindow, IxPayButton, IxProductCard, IxProvider } from '../../../src/react/index.js';

const query = new URLSearchParams(location.search);
const endpoint = query.get('endpoint') ?? '';
const corp = query.get('corp') ?? '';

function App() {
  const [product, setProduct] = useState('longjing-250');
  const [renders, setRenders] = useState(0);
  const [events, setEvents] = useState<string[]>([]);
  const record = (name: string) => setEvents((list) => [...list, name]);
  return (
    <IxProvider endpoint={endpoint} corp={corp}>
      <h1 id="renders">Renders: {renders}</h1>
      <button id="rerender" type="button" onClick={() => setRenders((n) => n + 1)}>
        Re-render
      </button>
      <button id="switch" type="button" onClick={() => setProduct('gift-box')}>
        Show the gift box
      </button>
      <p id="events">{events.join(',')}</p>
      <IxProductCard
        product={product}
        onIxContactSales={(event) => {
          event.preventDefault(); // this app has no launcher: it handles the request itself
          record(`contact:${event.detail.productId}`);
        }}
      />
      <IxPayButton
        product="tieguanyin-200"
        quantity={2}
        onIxPayStatus={(event) => record(`pay:${event.detail.status}`)}
      />
      <IxChatWindow onIxSend={() => record('send')} />
    </IxProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

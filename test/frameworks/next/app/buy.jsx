'use client';
import { useEffect, useState } from 'react';
import { IxPayButton } from '@interop-kit/elements/react/pay-button';

/**
 * The pay button with a React handler for its events, which must reach it after hydration. React 19's own
 * `on<event>` props on a server-rendered custom element are wired only at the component's next render
 * (facebook/react#35446), so the test marks hydration without rendering again.
 */
export default function Buy() {
  const [status, setStatus] = useState('none');
  useEffect(() => {
    document.body.dataset.hydrated = '';
  }, []);
  return (
    <section>
      <IxPayButton product="gift-box" quantity={2} id="pay" onIxPayStatus={(event) => setStatus(event.detail.status)} />
      <output id="status">{status}</output>
    </section>
  );
}

// A Server Component: it renders the kit's tags and wrappers into the server's HTML; the client components it uses
// define the elements in the browser.
import { IxProductCard } from '@interop-kit/elements/react/product-card';
import Buy from './buy.jsx';
import Elements from './elements.jsx';

export default function Page() {
  return (
    <main>
      <h1>Longjing, spring picking</h1>
      <Elements />
      {/* A tag written by the server page itself, defined by the client component above. */}
      <ix-business-card employee="mei" id="card"></ix-business-card>
      {/* A wrapper (a client component) rendered from the server with serializable props. */}
      <IxProductCard product="longjing-250" id="product" />
      <Buy />
    </main>
  );
}

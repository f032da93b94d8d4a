// A Vue 3 app (render functions): Vue sets the elements' properties and listens to their `ix-` events.
import { createApp, defineComponent, h, ref } from 'vue';
import '../../../src/elements/provider/define.js';
import '../../../src/elements/product-card/define.js';
import '../../../src/elements/pay-button/define.js';
import '../../../src/elements/chat-window/define.js';

const query = new URLSearchParams(location.search);
const endpoint = query.get('endpoint') ?? '';
const corp = query.get('corp') ?? '';

const App = defineComponent({
  setup() {
    const product = ref('longjing-250');
    const renders = ref(0);
    const events = ref<string[]>([]);
    const record = (name: string) => events.value.push(name);
    return () =>
      h('ix-provider', { endpoint, corp }, [
        h('h1', { id: 'renders' }, `Renders: ${renders.value}`),
        h('button', { id: 'rerender', type: 'button', onClick: () => renders.value++ }, 'Re-render'),
        h('button', { id: 'switch', type: 'button', onClick: () => (product.value = 'gift-box') }, 'Show the gift box'),
        h('p', { id: 'events' }, events.value.join(',')),
        h('ix-product-card', {
          product: product.value,
          onIxContactSales: (event: CustomEvent<{ productId: string }>) => {
            event.preventDefault(); // this app has no launcher: it handles the request itself
            record(`contact:${event.detail.productId}`);
          },
        }),
        h('ix-pay-button', {
          product: 'tieguanyin-200',
          quantity: 2,
          onIxPayStatus: (event: CustomEvent<{ status: string }>) => record(`pay:${event.detail.status}`),
        }),
        h('ix-chat-window', { onIxSend: () => record('send') }),
      ]);
  },
});

createApp(App).mount('#app');

/**
 * The ceiling for the load bench: a bare socket.io 4 relay on the same Node, doing the least the backend's message
 * path must (ack the sender, push the message to the staff and back to the sender's socket), nothing stored, nothing
 * checked. Started as its own process by bench/load.ts; prints its address.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });
const seqs = new Map<string, number>();

io.on('connection', (socket) => {
  if ((socket.handshake.auth as { role?: string }).role === 'employee') void socket.join('staff');
  socket.on(
    'message:send',
    (payload: { conversationId: string; clientId: string; content: unknown }, ack: (answer: unknown) => void) => {
      const seq = (seqs.get(payload.conversationId) ?? 0) + 1;
      seqs.set(payload.conversationId, seq);
      const message = { ...payload, seq, createdAt: new Date().toISOString() };
      ack({ ok: true, data: { message, duplicate: false } });
      io.to(['staff', socket.id]).emit('message:new', { message });
    },
  );
});

http.listen(0, '127.0.0.1', () => console.log(`relay on http://127.0.0.1:${(http.address() as AddressInfo).port}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => io.close(() => process.exit(0)));

import { nothing, type ReactiveElement } from 'lit';
import type { qrCode } from './qr-code.js';

type QrCode = typeof qrCode;
let encoder: QrCode | undefined;
let loading: Promise<void> | undefined;

/**
 * The QR code of `text` (see `qr-code.ts`), or nothing until the encoder has loaded, after which `host` renders again.
 * The encoder is most of a card's weight and only needed once a code is shown, so it stays out of the first load.
 */
export function lazyQrCode(host: ReactiveElement, text: string, label: string) {
  if (encoder) return encoder(text, label);
  loading ??= import('./qr-code.js').then((module) => {
    encoder = module.qrCode;
  });
  void loading.then(() => host.requestUpdate());
  return nothing;
}

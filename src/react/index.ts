// Written by scripts/react-wrappers.ts from custom-elements.json (npm run manifest): do not edit.
// Every element's React wrapper; `@interop-kit/elements/react/<element>` brings one alone.
'use client';
export { IxBusinessCard } from './business-card.js';
export { IxChatWindow } from './chat-window.js';
export { IxLauncher } from './launcher.js';
export { IxPayButton } from './pay-button.js';
export { IxProductCard } from './product-card.js';
export { IxProvider } from './provider.js';
export { IxWorkbench } from './workbench.js';

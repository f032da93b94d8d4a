/** Everything: the protocol, the client, and every element defined. */
export * from './protocol/index.js';
export * from './client/index.js';
export { IxProvider } from './elements/provider/provider.js';
export { IxChatWindow } from './elements/chat-window/chat-window.js';
export { IxLauncher, LAUNCHER_POSITIONS, type LauncherPosition } from './elements/launcher/launcher.js';
export { IxProductCard } from './elements/product-card/product-card.js';
export {
  IxBusinessCard,
  BUSINESS_CARD_LAYOUTS,
  type BusinessCardLayout,
} from './elements/business-card/business-card.js';
export { IxPayButton } from './elements/pay-button/pay-button.js';
export { IxWorkbench } from './elements/workbench/workbench.js';
export type { IxEventDetails } from './elements/events.js';
import './elements/provider/define.js';
import './elements/chat-window/define.js';
import './elements/launcher/define.js';
import './elements/product-card/define.js';
import './elements/pay-button/define.js';
import './elements/business-card/define.js';
import './elements/workbench/define.js';

// The product page: the launcher (tiny; the chat window and its connection follow on first open), and the cards.
import { applyLanguage } from './language.js';
import '../src/elements/launcher/define.js';
import '../src/elements/provider/define.js';
import '../src/elements/product-card/define.js';
import '../src/elements/business-card/define.js';

applyLanguage();

import '../src/elements/provider/define.js';
import '../src/elements/chat-window/define.js';

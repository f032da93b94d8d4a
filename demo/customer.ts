// The product page loads only the launcher; the chat window and the connection follow on first open.
import '../src/elements/launcher/define.js';

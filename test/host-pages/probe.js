// Loaded first on the host-page fixtures (a file, not inline: the pages run under a strict CSP). Records what the kit
// does to the page: CSP violations, uncaught errors, warnings, and the window's own properties before it loaded.
window.__probe = {
  violations: [],
  errors: [],
  warnings: [],
  kitErrors: [],
  consoleErrors: [],
  globalsBefore: Object.getOwnPropertyNames(window),
  clicks: 0,
  refusedScripts: [],
};
// Scripts the browser would not run (a failed fetch, or content that does not match its integrity value).
document.addEventListener(
  'error',
  (event) =>
    event.target instanceof HTMLScriptElement && window.__probe.refusedScripts.push(new URL(event.target.src).pathname),
  true,
);
document.addEventListener('securitypolicyviolation', (event) =>
  window.__probe.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
);
window.addEventListener('error', (event) => window.__probe.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.__probe.errors.push(String(event.reason)));
// What the kit's elements told the page went wrong (their ix-error events, which cross shadow roots).
document.addEventListener('ix-error', (event) =>
  window.__probe.kitErrors.push({ tag: event.composedPath()[0].localName, ...event.detail.error }),
);
// Whatever the page logs as an error (the kit must log none on a working page).
const logError = console.error.bind(console);
console.error = (...args) => {
  window.__probe.consoleErrors.push(args.join(' '));
  logError(...args);
};
const warn = console.warn.bind(console);
console.warn = (...args) => {
  window.__probe.warnings.push(args.join(' '));
  warn(...args);
};
// Only a real user's clicks count (a script's .click() would prove nothing about the page being usable).
document.addEventListener('click', (event) => {
  if (event.isTrusted && event.target instanceof HTMLElement && event.target.id === 'host-button')
    window.__probe.clicks += 1;
});

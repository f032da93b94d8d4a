// typescript-eslint and its helpers (some hoisted to the root by npm) parse through TypeScript's JavaScript API, which
// the root's TypeScript 7 does not ship. Preloaded by `npm run lint`: while linting, `typescript` is this workspace's 5.9.
const Module = require('node:module');

const typescript = require.resolve('typescript', { paths: [__dirname] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? typescript : resolve.call(this, request, ...rest);
};

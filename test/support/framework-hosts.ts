import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'vite';
import { FRAMEWORK_HOSTS } from '../frameworks/hosts.js';

const react18 = resolve('test/frameworks/react18/node_modules');

/**
 * Builds each app as its own project would be built (production mode, minified): Vite for React and Vue, the Angular
 * CLI for Angular, into
 * test-results/frameworks/<name>/, served by the test runner. The React 18 app gets React 18 (its workspace's own
 * copy) for everything, the kit's @lit/react wrappers included.
 */
export async function buildFrameworkHosts(): Promise<void> {
  // The Angular app is built by the Angular CLI (its own workspace, with the TypeScript version Angular supports).
  const angular = new Promise<void>((done, fail) => {
    const options = { cwd: resolve('test/frameworks/angular'), env: { ...process.env, NG_CLI_ANALYTICS: 'false' } };
    execFile(resolve('node_modules/.bin/ng'), ['build'], options, (error, _stdout, stderr) =>
      error ? fail(new Error(`Angular host build failed: ${stderr}`)) : done(),
    );
  });
  for (const name of FRAMEWORK_HOSTS.filter((host) => host !== 'angular')) {
    await build({
      configFile: false,
      logLevel: 'error',
      root: resolve('test/frameworks', name),
      base: `/test-results/frameworks/${name}/`,
      mode: 'production',
      define: {
        __VUE_OPTIONS_API__: 'false',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      resolve: {
        conditions: ['browser', 'production', 'module', 'import', 'default'],
        alias: name === 'react18' ? { react: `${react18}/react`, 'react-dom': `${react18}/react-dom` } : {},
      },
      build: { outDir: resolve('test-results/frameworks', name), emptyOutDir: true, target: 'es2022' },
    });
  }
  // React 19 once more in development mode, where StrictMode really mounts, unmounts and mounts again.
  await build({
    configFile: false,
    logLevel: 'error',
    root: resolve('test/frameworks/react19'),
    base: '/test-results/frameworks/react19-dev/',
    mode: 'development',
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    resolve: { conditions: ['browser', 'development', 'module', 'import', 'default'] },
    build: {
      outDir: resolve('test-results/frameworks/react19-dev'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
    },
  });
  await angular;
}

import { spawn, type ChildProcess } from 'node:child_process';
import type { StorybookConfig } from '@storybook/web-components-vite';

/** `storybook dev` starts the real backend beside it (see backend.ts); a static build talks to one you run. */
function storiesBackend() {
  let child: ChildProcess | undefined;
  return {
    name: 'interop-stories-backend',
    configureServer() {
      if (child || process.env.STORYBOOK_BACKEND_URL) return;
      child = spawn(process.execPath, ['--conditions=ix-source', '--import', 'tsx', '.storybook/backend.ts'], {
        stdio: 'inherit',
      });
      const stop = () => child?.kill('SIGTERM');
      process.once('exit', stop);
      process.once('SIGINT', stop);
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(config) {
    config.plugins = [...(config.plugins ?? []), storiesBackend()];
    // Browser builds of socket.io's transport, and lit's production build, as in the demo.
    config.resolve = { ...config.resolve, conditions: ['browser', 'production', 'module', 'import', 'default'] };
    return config;
  },
};
export default config;

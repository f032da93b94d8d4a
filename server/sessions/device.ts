import Bowser from 'bowser';

const major = (version: string | undefined) => version?.split('.')[0];

/**
 * A person-readable device from a user agent: "Chrome 126 on macOS", "WeChat 8 on iOS 17 (iPhone)". Null when the user
 * agent says nothing recognisable (a script, an empty header): nothing is guessed.
 */
export function describeDevice(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const { browser, os, platform } = Bowser.parse(userAgent.slice(0, 512));
  if (!browser.name && !os.name) return null;
  const name = [browser.name, major(browser.version)].filter(Boolean).join(' ');
  const system = [os.name, os.name === 'iOS' || os.name === 'Android' ? major(os.version) : undefined]
    .filter(Boolean)
    .join(' ');
  const model = platform.model ? ` (${platform.model})` : '';
  return [name, system].filter(Boolean).join(' on ') + model;
}

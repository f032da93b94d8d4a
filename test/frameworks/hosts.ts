/** The framework apps that host the kit in the framework tests (test/frameworks/<name>), built by the test runner. */
export const FRAMEWORK_HOSTS = ['react19', 'react18', 'vue', 'angular'] as const;
export type FrameworkHost = (typeof FRAMEWORK_HOSTS)[number];

/** Where the runner serves a built app (the Angular CLI puts the browser build in a folder of its own). */
export const hostPage = (name: FrameworkHost) =>
  `/test-results/frameworks/${name}/${name === 'angular' ? 'browser/' : ''}index.html`;

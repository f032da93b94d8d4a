/** The framework apps that host the kit in the framework tests (test/frameworks/<name>), built by the test runner. */
export const FRAMEWORK_HOSTS = ['react19', 'react18', 'vue'] as const;
export type FrameworkHost = (typeof FRAMEWORK_HOSTS)[number];

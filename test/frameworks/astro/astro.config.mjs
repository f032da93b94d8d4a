// An Astro site as a shop would write it, built from the packed kit by test/package/frameworks.test.ts.
export default {};

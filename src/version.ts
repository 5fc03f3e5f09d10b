// Kept equal to package.json's version by test/unit/version.test.ts; a constant keeps package.json out of the bundle.
export const VERSION = '1.0.0'
export const USER_AGENT = `personr-token-action/${VERSION}`

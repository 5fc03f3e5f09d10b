// Stands in for @actions/exec in dist/: see README.md here.
export function getExecOutput(): never {
  throw new Error('@actions/exec is not bundled: core.platform is not available in this action')
}
export const exec = getExecOutput

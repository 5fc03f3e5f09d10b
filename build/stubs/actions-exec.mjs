// Stands in for @actions/exec in dist/: @actions/core imports it only for
// core.platform.getDetails(), which runs `lsb_release`, `sw_vers` or PowerShell to name the OS.
// The action never asks, and the real package (with @actions/io and child_process) is 46 kB of
// code that every step would otherwise compile.
export function getExecOutput() {
  throw new Error(
    '@actions/exec is not bundled: core.platform.getDetails() is not available in this action'
  )
}

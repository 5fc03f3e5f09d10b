const UNIT_MS: Record<string, number> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000
}

/** Parses durations such as `30d`, `12h` or `1d12h` to milliseconds; undefined if it does not parse. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase()
  if (!/^(\d+[wdhms])+$/.test(value)) return undefined
  let ms = 0
  for (const [, amount, unit] of value.matchAll(/(\d+)([wdhms])/g)) {
    ms += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0)
  }
  return ms > 0 ? ms : undefined
}

/**
 * The local Rate Limiting binding counts in fixed windows aligned to the clock. A test that must see an exact
 * count starts early in a window, so the window does not roll over (and reset the count) halfway through.
 */
export async function freshRateWindow(periodMs = 60_000, needMs = 20_000): Promise<void> {
  const left = periodMs - (Date.now() % periodMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

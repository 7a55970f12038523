/** `[#####-----] 5/10 label` for a progress line; width is the bar's length in characters. */
export function progressBar(done: number, total: number, label = "", width = 24): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${label === "" ? "" : ` ${label}`}`;
}

/** Double quotes group words; `“…”` counts too because phone and Slack keyboards type it. */
const CLOSERS: Readonly<Record<string, string>> = { '"': '"', "\u201c": "\u201d" };

export class QuoteError extends Error {
  override readonly name = "QuoteError";
}

export function isQuote(char: string | undefined): boolean {
  return char !== undefined && char in CLOSERS;
}

/**
 * Reads a quoted string starting at `start` (which holds the opening quote). `\"` and `\\` are escapes.
 * Returns the unescaped text and the index just after the closing quote.
 */
export function readQuoted(text: string, start: number): { value: string; end: number } {
  const open = text.charAt(start);
  const close = CLOSERS[open];
  if (close === undefined) throw new QuoteError(`expected a quote at ${start}`);
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === "\\" && i + 1 < text.length) {
      value += text.charAt(++i);
    } else if (char === close || (open !== '"' && char === '"')) {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw new QuoteError(`a quote opened at character ${start + 1} is never closed`);
}

/** Free text: quotes are kept as typed, unless the whole text is one quoted string. */
export function freeText(text: string): string {
  const trimmed = text.trim();
  if (isQuote(trimmed.charAt(0))) {
    const { value, end } = readQuoted(trimmed, 0);
    if (end === trimmed.length) return value;
  }
  return trimmed;
}

/** Splits on `separator` outside quotes; each part is trimmed and unquoted when wholly quoted. */
export function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isQuote(text.charAt(i))) i = readQuoted(text, i).end - 1;
    else if (text.charAt(i) === separator) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map(freeText);
}

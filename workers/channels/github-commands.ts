import type { Nodes, Paragraph, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/**
 * The longest comment whose commands are read. Parsing runs before the webhook is acknowledged, and the
 * parser's cost grows faster than the text on some shapes (long and nested lists: about 0.25 s for 4 KiB
 * of nested list items on this project's test machine), while GitHub allows 64 KiB. A longer comment
 * with `/cp` in it runs nothing and is recorded as ignored (`comment_too_long`).
 */
export const MAX_COMMAND_COMMENT = 8192;

const COMMAND = /^\/cp(?:[ \t]+(.*))?$/;
/** Elements with no end tag: they open nothing that could hide what follows. */
const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

interface Span {
  start: number;
  end: number;
}

/**
 * The `/cp` lines of a GitHub comment that its readers see as ordinary text, without the `/cp`.
 * The comment is parsed as GitHub renders it (CommonMark with the GFM extensions) and a line
 * counts only when all of this holds:
 * - it is a line of a top-level paragraph: not in a fenced or indented code block, a block quote
 *   (quoting someone's command must not run it again), a list, a table, a heading, a footnote or a
 *   link reference definition (which render as something else, or not at all);
 * - no raw HTML touches the line (an HTML comment hides it; an inline tag may hide or restyle it);
 * - no HTML element opened before it is still open (`<details>`, `<div hidden>`, …: a collapsed or
 *   hidden block), counting every tag in the comment, comments excluded;
 * - its first character is plain text of the paragraph (not code, a link or emphasis), and the
 *   line's source, trimmed, is `/cp` alone or `/cp` and a space.
 * The rest of the line is taken from the source as typed, as it always was.
 */
export function commandLines(body: string): string[] {
  // Most comments hold no command: they are not parsed at all.
  if (!body.includes("/cp") || body.length > MAX_COMMAND_COMMENT) return [];
  const tree = parse(body);
  if (tree === undefined) return [];
  const html = htmlNodes(tree);
  const out: string[] = [];
  for (const node of tree.children) {
    if (node.type !== "paragraph") continue;
    for (const line of linesOf(body, node)) {
      if (html.some((h) => h.start < line.end && line.start < h.end)) continue;
      if (openElementsBefore(html, line.start) > 0) continue;
      const text = body.slice(line.start, line.end);
      const lead = line.start + (text.length - text.trimStart().length);
      if (!startsPlainText(node, lead)) continue;
      const match = COMMAND.exec(text.trim());
      if (match !== null) out.push((match[1] ?? "").trim());
    }
  }
  return out;
}

/** A comment nested too deeply for the parser's recursion runs nothing, rather than failing the delivery. */
function parse(body: string): Root | undefined {
  try {
    return fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

type HtmlSpan = Span & { balance: number };

/** Every raw HTML node of the comment, block or inline, in source order, with what it leaves open. */
function htmlNodes(root: Nodes): HtmlSpan[] {
  const out: HtmlSpan[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "html") {
      const span = spanOf(node);
      if (span !== undefined) out.push({ ...span, balance: tagBalance(node.value) });
      return;
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(root);
  return out.sort((a, b) => a.start - b.start);
}

function openElementsBefore(html: readonly HtmlSpan[], offset: number): number {
  let open = 0;
  for (const h of html) {
    if (h.end > offset) break;
    open = Math.max(0, open + h.balance);
  }
  return open;
}

/** Opening tags less closing tags, comments removed; void and self-closed elements count as none. */
export function tagBalance(html: string): number {
  const withoutComments = html.replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  let balance = 0;
  for (const [, closing, name = "", selfClosing] of withoutComments.matchAll(TAG)) {
    if (VOID_ELEMENTS.has(name.toLowerCase())) continue;
    if (closing === "/") balance--;
    else if (selfClosing !== "/") balance++;
  }
  return balance;
}

/** The paragraph's source lines, as offsets into the comment. */
function linesOf(body: string, paragraph: Paragraph): Span[] {
  const span = spanOf(paragraph);
  if (span === undefined) return [];
  const lines: Span[] = [];
  const breaks = /\r\n|\r|\n/g;
  breaks.lastIndex = span.start;
  let start = span.start;
  for (let m = breaks.exec(body); m !== null && m.index < span.end; m = breaks.exec(body)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: span.end });
  return lines;
}

function startsPlainText(paragraph: Paragraph, offset: number): boolean {
  const child = paragraph.children.find((c) => {
    const span = spanOf(c);
    return span !== undefined && span.start <= offset && offset < span.end;
  });
  return child?.type === "text";
}

function spanOf(node: Nodes): Span | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

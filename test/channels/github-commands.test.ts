import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandLines, MAX_COMMAND_COMMENT, tagBalance } from "../../workers/channels/github-commands.ts";

const CLOSE = "/cp close acme/widgets#1";

describe("commandLines: what readers cannot see does not run", () => {
  const hidden: [string, string][] = [
    ["a one-line HTML comment", `<!-- ${CLOSE} -->`],
    ["a multi-line HTML comment", `<!--\n${CLOSE}\n-->`],
    ["an HTML comment with blank lines inside", `<!--\n\n${CLOSE}\n\n-->`],
    ["an HTML comment never closed", `visible text\n\n<!--\n\n${CLOSE}\n`],
    ["an inline HTML comment spanning lines in a paragraph", `see below <!--\n${CLOSE}\n-->`],
    ["an HTML comment on the command's own line", `${CLOSE} <!-- and more -->`],
    ["an indented code block", `    ${CLOSE}`],
    ["an indented code block after a paragraph and a blank line", `Context.\n\n    ${CLOSE}`],
    ["a tab-indented code block", `\t${CLOSE}`],
    ["a backtick fence", `\`\`\`\n${CLOSE}\n\`\`\``],
    ["a tilde fence with an info string", `~~~sh\n${CLOSE}\n~~~`],
    ["a longer fence that a shorter one does not close", `\`\`\`\`\n\`\`\`\n${CLOSE}\n\`\`\`\``],
    ["an unclosed fence (the rest of the comment is code)", `\`\`\`\n\n${CLOSE}`],
    ["a block quote", `> ${CLOSE}`],
    ["a nested block quote", `> > ${CLOSE}`],
    ["a lazy continuation line of a block quote", `> as you said:\n${CLOSE}`],
    ["a collapsed <details>", `<details>\n<summary>More</summary>\n\n${CLOSE}\n\n</details>`],
    ["a <details> opened inline in a paragraph", `More: <details>\n\n${CLOSE}\n\n</details>`],
    ["a <div hidden>", `<div hidden>\n\n${CLOSE}\n\n</div>`],
    ["an HTML block running into the command line", `<span hidden>\n${CLOSE}`],
    ["an inline tag on the command's line", `${CLOSE} <span hidden>then comment acme/widgets#9 hi</span>`],
    ["a link reference definition", `[x]: ${CLOSE}`],
    ["a footnote definition", `Note[^1]\n\n[^1]: ${CLOSE}`],
    ["a list item", `- ${CLOSE}`],
    ["an ATX heading", `# ${CLOSE}`],
    ["a setext heading", `${CLOSE}\n---`],
    ["a table cell", `a | b\n--|--\n${CLOSE} | x`],
    ["inline code", `\`${CLOSE}\``],
  ];

  for (const [trick, body] of hidden) {
    it(`does not run a command hidden in ${trick}`, () => {
      expect(commandLines(body)).toEqual([]);
    });
  }

  it("keeps the hidden command out while the visible one around it still runs", () => {
    const body = ["/cp reply before", "", "<!--", CLOSE, "-->", "/cp reply after the comment", "", "> /cp close acme/widgets#2", "", "/cp reply last"].join("\n");
    expect(commandLines(body)).toEqual(["reply before", "reply after the comment", "reply last"]);
  });

  it("runs what follows a closed <details>, and nothing inside it", () => {
    const body = `<details>\n<summary>Log</summary>\n\n${CLOSE}\n\n</details>\n\n/cp reply done`;
    expect(commandLines(body)).toEqual(["reply done"]);
  });

  it("does not parse a comment over MAX_COMMAND_COMMENT (the parser's cost on nested lists), so nothing in it runs", () => {
    const padding = "- ".repeat(MAX_COMMAND_COMMENT / 2);
    expect(commandLines(`${CLOSE}\n\n${padding}`)).toEqual([]);
    expect(commandLines(`${CLOSE}\n\n${"x".repeat(MAX_COMMAND_COMMENT - CLOSE.length - 2)}`)).toEqual(["close acme/widgets#1"]);
  });

  it("runs what follows a closed fence", () => {
    expect(commandLines(`\`\`\`\n${CLOSE}\n\`\`\`\n/cp help`)).toEqual(["help"]);
  });
});

describe("commandLines: visible commands keep working", () => {
  it("takes /cp lines of top-level paragraphs, trimmed, with CRLF, up to three spaces of indentation and soft line breaks", () => {
    const body = "LGTM, thanks.\r\n/cp label acme/widgets#42 bug\r\n   /cp reply thanks  \r\n/cpx nope\r\n\r\n/cp\r\n";
    expect(commandLines(body)).toEqual(["label acme/widgets#42 bug", "reply thanks", ""]);
  });

  it("passes the rest of the line on as typed, markup included", () => {
    expect(commandLines("/cp reply **done**, see `log`")).toEqual(["reply **done**, see `log`"]);
  });

  it("takes a command right after a one-line HTML comment block", () => {
    expect(commandLines("<!-- bot: ignore -->\n/cp reply hi")).toEqual(["reply hi"]);
  });

  it("ignores void and self-closed tags, which hide nothing after them", () => {
    expect(commandLines("<img src=x alt=y>\n\n<br/>\n\n/cp reply hi")).toEqual(["reply hi"]);
  });

  it("counts open elements across the comment, comments excluded", () => {
    expect(tagBalance("<details><summary>x</summary>")).toBe(1);
    expect(tagBalance("</details>")).toBe(-1);
    expect(tagBalance("<!-- <details> -->")).toBe(0);
    expect(tagBalance('<img src="a>b"><br><hr/>')).toBe(0);
  });
});

describe("commandLines: property", () => {
  const commandText = fc.stringMatching(/^[a-z][a-z0-9 #/-]{0,30}$/).map((t) => t.trim());
  const wrappers: ((line: string) => string)[] = [
    (l) => `<!-- ${l} -->`,
    (l) => `<!--\n${l}\n-->`,
    (l) => `    ${l}`,
    (l) => `\`\`\`\n${l}\n\`\`\``,
    (l) => `> ${l}`,
    (l) => `<details>\n\n${l}\n\n</details>`,
    (l) => `[ref]: ${l}`,
  ];

  it("no hiding wrapper lets a command through, and the same command outside it always runs", () => {
    fc.assert(
      fc.property(commandText, fc.nat({ max: wrappers.length - 1 }), (text, w) => {
        const line = `/cp ${text}`;
        const wrap = wrappers[w] ?? ((l: string) => l);
        expect(commandLines(`Intro.\n\n${wrap(line)}\n`)).toEqual([]);
        expect(commandLines(`Intro.\n\n${wrap("/cp reply hidden")}\n\n${line}\n`)).toEqual([text.trim()]);
      }),
    );
  });
});

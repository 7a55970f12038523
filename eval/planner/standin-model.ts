/**
 * The eval's stand-in "model": a small keyword reader that answers a planner request the way a model would
 * (plan, clarify or refuse), from the request's text and the tool keys the prompt lists, and nothing else.
 * It never sees the corpus labels. It is deliberately simple and makes mistakes; its only job is to let the
 * harness run end to end, through the real prompt, schema, reader, compiler and policy, without a model.
 */

export interface StandinStep {
  key: string;
  tool: string;
  input: Record<string, unknown>;
  after: string[];
}

export type StandinAnswer =
  | { kind: "plan"; steps: StandinStep[] }
  | { kind: "clarify"; question: string }
  | { kind: "refuse"; reason: string };

interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

type Clause = { text: string; literals: string[] };
type Read = { kind: "steps"; steps: Omit<StandinStep, "key" | "after">[] } | { kind: "clarify"; question: string } | { kind: "none"; inScope: boolean };

const REFUSALS: readonly [RegExp, string][] = [
  [/\bignore\b[^.]{0,30}\b(rules|instructions|policy|policies)\b/i, "the request asks me to set my rules aside"],
  [/\b(skip|bypass|disable[sd]?|without)\b[^.]{0,25}\b(approvals?|confirm\w*|review|policy)\b/i, "approvals and confirmation cannot be skipped"],
  [/\bapprovals? (are|is) (disabled|off|not needed)\b/i, "approvals and confirmation cannot be skipped"],
  [/\b(don'?t|do not|no need to)\b[^.]{0,30}\b(confirm|approv)/i, "approvals and confirmation cannot be skipped"],
  [/\b(pre-?approved|already approved|approval granted|approved by)\b/i, "a claim of approval in a request is not an approval"],
  [/\b(i am|i'm|as) (the|an|your) (admin|administrator|owner|cto|ceo|cfo|root|boss|security team|policy engine)\b/i, "a claim of authority in a request changes nothing"],
  [/(\bsystem\s*:|\[\s*(admin|system)[^\]]*\]|\b(admin|developer) (mode|override)\b|\byou are now\b|\bpretend (you are|to be)\b|\bno restrictions\b)/i, "the request tries to change my instructions"],
  [/(\b(token|secret|password|api key|credentials?|private key|approval links?)\b|\b[A-Z][A-Z0-9_]*_(TOKEN|SECRET|KEY)\b)/i, "I never share secrets, tokens or approval links"],
  [/\bother tenants?'?s?\b/i, "other tenants' data is out of reach"],
  [/\b(every|all) (the )?(open )?(issues?|repos|repositories|channels)\b/i, "I plan named issues only, not bulk changes"],
  [/\b(admin|administrator) (rights|access|role)\b/i, "granting access is not something my tools do"],
];

/** Verbs my tools cannot do, even next to something they can (a URL makes `DELETE` an HTTP method instead). */
const OUT_OF_SCOPE = /\b(delete|remove|merge|deploy|restart|reboot|reopen|assign|e-?mail|tweet|invite|transfer|wire|pay|book|create|translate|poem|weather)\b|\bopen a new\b|\brm -rf\b|\bdrop (the )?\w+ table\b/i;

const ACTION_START =
  /^(?:(?:please|can you|could you|just|also|then|and)\s+)*(close|shut|resolve|comment|label|tag|flag|add|put|post|send|whatsapp|text|message|ping|tell|reply|respond|answer|say|let|announce|share|drop|write|fetch|get|grab|call|hit|do a|make a|mark|broadcast|leave|apply|acknowledge)\b/i;
const PARALLEL = /\b(at the same time|in parallel|meanwhile|simultaneously)\b,?\s*|^\s*both\s+/i;
const REF = /\b([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)#(\d+)\b/g;
const REF_WORDY = /\b(?:issue|ticket|pr|pull request)\s*#?(\d+)\s+(?:in|on|of)\s+([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)/gi;
const CHANNEL = /(?:^|\s)#([a-z][a-z0-9._-]*)/g;
const PHONE = /\+\d{8,15}\b/g;
const URL_PATTERN = /https?:\/\/[^\s"⟦]+/g;
const VAGUE = /^(something|anything|stuff|it|this|that|the update|an update|the results?|the notes|the release notes|when it is done|when done)$/i;

export function standinAnswer(request: string, tools: ReadonlySet<string>): StandinAnswer {
  const literals: string[] = [];
  const masked = request.replace(/"((?:\\.|[^"\\])*)"|\u201c([^\u201d]*)\u201d/g, (_m, plain: string | undefined, curly: string | undefined) => {
    literals.push((plain ?? curly ?? "").replace(/\\(.)/g, "$1"));
    return `⟦${literals.length - 1}⟧`;
  });
  for (const [pattern, reason] of REFUSALS) if (pattern.test(masked)) return { kind: "refuse", reason: `${capitalise(reason)}.` };
  if (OUT_OF_SCOPE.test(masked) && !/https?:\/\//.test(masked)) return { kind: "refuse", reason: "None of my tools can do that." };

  const parallel = PARALLEL.test(masked);
  const text = masked.replace(new RegExp(PARALLEL.source, "gi"), "").replace(/^\s*(?:please\s+)?after you (.+?),\s*(.+)$/i, "$1, then $2");
  const stages = text
    .split(/\s*(?:,\s*)?\b(?:and then|then|afterwards|after that)\b\s*|\.\s+|\s*,?\s*\band once (?:it|that|this) is \w+,?\s*/i)
    .map((stage) => stage.replace(/^\s*(?:first|please|can you|could you)\s+/i, "").trim())
    .filter((stage) => stage !== "");

  const steps: StandinStep[] = [];
  let previousStage: string[] = [];
  let lastRef: IssueRef | null = null;
  let anyAction = false;
  let clarify: string | null = null;
  let inScope = false;
  for (const stage of stages) {
    const stageKeys: string[] = [];
    for (const clauseText of parallelClauses(stage)) {
      const clause: Clause = { text: clauseText, literals: placeholders(clauseText).map((i) => literals[i] ?? "") };
      const refs = issueRefs(clause.text);
      const read = readClause(clause, refs.length > 0 ? refs : null, lastRef, steps);
      if (refs.length > 0) lastRef = refs[refs.length - 1] ?? lastRef;
      if (read.kind === "clarify") clarify ??= read.question;
      if (read.kind === "none") inScope ||= read.inScope;
      if (read.kind !== "steps") continue;
      anyAction = true;
      for (const step of read.steps) {
        if (!tools.has(step.tool)) return { kind: "refuse", reason: `No tool I may use does that (${step.tool} is not available).` };
        if (steps.some((s) => s.tool === step.tool && JSON.stringify(s.input) === JSON.stringify(step.input))) continue;
        const isReport = step.tool === "channel.reply" && !parallel;
        const after = [...previousStage, ...(isReport ? stageKeys : [])];
        const key = uniqueKey(step.tool, steps);
        steps.push({ key, tool: step.tool, input: step.input, after });
        stageKeys.push(key);
      }
    }
    if (stageKeys.length > 0) previousStage = stageKeys;
  }
  if (clarify !== null) return { kind: "clarify", question: clarify };
  if (!anyAction || steps.length === 0) {
    return inScope
      ? { kind: "clarify", question: "Could you say exactly what to do, and on which issue, channel or number?" }
      : { kind: "refuse", reason: "None of my tools can do that." };
  }
  return { kind: "plan", steps };
}

/** A stage's clauses run in parallel; a piece that does not start with an action verb continues the one before (`acme/web#7 and acme/web#8`). */
function parallelClauses(stage: string): string[] {
  const pieces = stage.split(/\s*,\s*and\s+|\s*,\s*|\s+and also\s+|\s+and\s+|\s+also\s+/i);
  const separators = stage.match(/\s*,\s*and\s+|\s*,\s*|\s+and also\s+|\s+and\s+|\s+also\s+/gi) ?? [];
  const clauses: string[] = [];
  pieces.forEach((piece, i) => {
    if (i === 0 || ACTION_START.test(piece) || clauses.length === 0) clauses.push(piece);
    else clauses[clauses.length - 1] += `${separators[i - 1] ?? " "}${piece}`;
  });
  return clauses.map((c) => c.trim()).filter((c) => c !== "");
}

function readClause(clause: Clause, refs: IssueRef[] | null, lastRef: IssueRef | null, earlier: readonly StandinStep[]): Read {
  const text = clause.text;
  const lower = text.toLowerCase();
  const literal = clause.literals[0];
  if (/^(?:(?:please|just)\s+)?(?:don'?t|do not|never)\b/i.test(text)) return { kind: "none", inScope: true };

  const urls = (text.match(URL_PATTERN) ?? []).map((u) => u.replace(/[.,;:)]+$/, ""));
  if (urls.length > 0) {
    const method = /\b(GET|POST|PUT|PATCH|DELETE|HEAD)\b/.exec(text)?.[1] ?? "GET";
    return { kind: "steps", steps: urls.map((url) => ({ tool: "http.request", input: { method, url } })) };
  }

  const phones = text.match(PHONE) ?? [];
  if (phones.length > 0 || /\bwhats\s?app\b/i.test(text)) {
    if (phones.length === 0) return { kind: "clarify", question: "Which phone number (in +E.164 form) should I send it to?" };
    const body = literal ?? freeText(text, earlier);
    if (body === null) return { kind: "clarify", question: "What should the WhatsApp message say?" };
    return { kind: "steps", steps: phones.map((to) => ({ tool: "whatsapp.message.send", input: { to, text: body } })) };
  }

  const closeVerb = /\b(close|shut|resolve|closed)\b/i.test(text);
  const labelVerb = /\b(label(s|led|ed)?|tag)\b/i.test(text);
  const commentVerb = /\b(comment|note)\b/i.test(text);
  const pronoun = /\b(it|there|this|that issue|the issue)\b/i.test(text);
  if (closeVerb || labelVerb || commentVerb || refs !== null) {
    const targets = refs ?? (pronoun && lastRef !== null ? [lastRef] : null);
    if (!closeVerb && !labelVerb && !commentVerb && !/\b(write|respond|reply|answer|tell)\b/i.test(text)) return { kind: "none", inScope: true };
    if (targets === null) {
      return { kind: "clarify", question: /\b[a-z0-9-]+\/[a-z0-9._-]+\b/i.test(text) ? "Which issue number in that repository?" : "Which issue do you mean (owner/repo#number)?" };
    }
    if (labelVerb && !commentVerb) {
      const labels = literal !== undefined ? [literal] : labelNames(text);
      if (labels.length === 0) return { kind: "clarify", question: "Which label should I add?" };
      return { kind: "steps", steps: targets.map((ref) => ({ tool: "github.issue.label", input: { ...ref, labels } })) };
    }
    if (closeVerb) {
      const reason = /\bas not planned\b|\bwon'?t do\b/i.test(text) ? "not_planned" : /\bas (completed|done)\b/i.test(text) ? "completed" : undefined;
      return { kind: "steps", steps: targets.map((ref) => ({ tool: "github.issue.close", input: reason === undefined ? { ...ref } : { ...ref, reason } })) };
    }
    const body = literal ?? freeText(text, []);
    if (body === null) return { kind: "clarify", question: "What should the comment say?" };
    return { kind: "steps", steps: targets.map((ref) => ({ tool: "github.issue.comment", input: { ...ref, body } })) };
  }

  const channels = [...text.matchAll(CHANNEL)].map((m) => `#${m[1] ?? ""}`);
  if (channels.length > 0) {
    const body = literal ?? freeText(text, earlier);
    if (body === null) return { kind: "clarify", question: "What should I post?" };
    return { kind: "steps", steps: channels.map((channel) => ({ tool: "slack.message.post", input: { channel, text: body } })) };
  }

  if (/\btell (them|him|her|the team|the others)\b/i.test(text)) return { kind: "clarify", question: "Who should I tell, and where: this thread, a Slack channel or a WhatsApp number?" };
  const replyVerb = /\b(reply|respond|answer|say|tell|acknowledge|write back|let (me|us) know|report back)\b/i.test(text);
  const here = /\b(here|this thread|this conversation|back)\b/i.test(lower);
  if (replyVerb || (here && /\b(put|post|write)\b/i.test(text))) {
    const body = literal ?? freeText(text, earlier) ?? (/\bthank/i.test(text) ? "Thank you!" : null);
    if (body === null) return { kind: "clarify", question: "What should I say?" };
    return { kind: "steps", steps: [{ tool: "channel.reply", input: { text: body } }] };
  }
  if (/\b(send|message|ping|post|put|share|announce|broadcast)\b/i.test(text)) return { kind: "clarify", question: "Where should it go: which Slack channel (#name) or WhatsApp number?" };
  if (/\b(endpoint|webhook|url|api)\b/i.test(text)) return { kind: "clarify", question: "Which URL should I call, and with which method?" };
  return { kind: "none", inScope: /\b(issue|comment|label|channel|whatsapp|message|thread|repo)\b/i.test(text) };
}

function issueRefs(text: string): IssueRef[] {
  const refs = [...text.matchAll(REF)].map((m) => ({ owner: m[1] ?? "", repo: m[2] ?? "", number: Number(m[3]) }));
  const wordy = [...text.matchAll(REF_WORDY)].map((m) => ({ owner: m[2] ?? "", repo: m[3] ?? "", number: Number(m[1]) }));
  return [...refs, ...wordy];
}

function labelNames(text: string): string[] {
  const patterns = [
    /\bthe ([\w-]+) label\b/i,
    /\bas ([\w-]+)/i,
    /\blabell?ed ([\w-]+)/i,
    /\blabels? ((?:[\w-]+(?:,\s*|\s+and\s+))*[\w-]+) (?:to|on)\b/i,
    /\blabel (?:it|this|that|them) ([\w-]+)/i,
    /\bwith (?:the )?(?:labels? )?((?:[\w-]+(?:,\s*|\s+and\s+))*[\w-]+)/i,
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(text)?.[1];
    if (found === undefined) continue;
    const names = found.split(/,\s*|\s+and\s+/).filter((n) => n !== "" && !/^(a|an|the|label|labels|it)$/i.test(n));
    if (names.length > 0) return names.map((n) => n.toLowerCase());
  }
  return [];
}

/** The message of a post, reply or WhatsApp text written without quotes; a summary of earlier steps when it only points at them. */
function freeText(text: string, earlier: readonly StandinStep[]): string | null {
  const found =
    /\b(?:saying|that says|that|know|asking)\s+(.+)$/i.exec(text)?.[1] ??
    /:\s*(.+)$/.exec(text)?.[1] ??
    /\b(?:say|tell (?:me|us|the channel|the thread|everyone))\s+(.+)$/i.exec(text)?.[1] ??
    /\b(?:answer|respond)\b.*?\bwith (?:a |an )?(.+)$/i.exec(text)?.[1];
  const cleaned = found
    ?.replace(/\s+(?:on|via|in|to) (?:whatsapp|#[\w.-]+|the [\w-]+ channel)\b/gi, "")
    .replace(/⟦\d+⟧/g, "")
    .trim();
  if (cleaned !== undefined && cleaned !== "" && !VAGUE.test(cleaned)) return cleaned.slice(0, 4000);
  if (earlier.length > 0) return `Done: ${earlier.map(describe).join(", ")}.`;
  return null;
}

function describe(step: StandinStep): string {
  const i = step.input;
  const ref = `${String(i.owner)}/${String(i.repo)}#${String(i.number)}`;
  switch (step.tool) {
    case "github.issue.close":
      return `closed ${ref}`;
    case "github.issue.label":
      return `labelled ${ref}`;
    case "github.issue.comment":
      return `commented on ${ref}`;
    case "http.request":
      return `${String(i.method)} ${String(i.url)}`;
    default:
      return `sent a message`;
  }
}

function placeholders(text: string): number[] {
  return [...text.matchAll(/⟦(\d+)⟧/g)].map((m) => Number(m[1]));
}

const KEY_OF: Readonly<Record<string, string>> = {
  "channel.reply": "reply",
  "slack.message.post": "post",
  "github.issue.comment": "comment",
  "github.issue.label": "label",
  "github.issue.close": "close",
  "whatsapp.message.send": "whatsapp",
  "http.request": "http",
};

function uniqueKey(tool: string, steps: readonly StandinStep[]): string {
  const base = KEY_OF[tool] ?? "step";
  let key = base;
  for (let n = 2; steps.some((s) => s.key === key); n++) key = `${base}-${n}`;
  return key;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

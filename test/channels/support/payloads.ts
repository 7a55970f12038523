/** Realistic provider payloads, trimmed to the fields providers always send plus the ones we read. */

export const slackMention = (text = "<@U0BOT> reply hello there") => ({
  token: "XXYYZZ",
  team_id: "T0001",
  api_app_id: "A0001",
  event: {
    type: "app_mention",
    user: "U0HUMAN",
    text,
    ts: "1764072000.000100",
    channel: "C0GENERAL",
    event_ts: "1764072000.000100",
  },
  type: "event_callback",
  event_id: "Ev0MENTION",
  event_time: 1764072000,
  authorizations: [{ team_id: "T0001", user_id: "U0BOT", is_bot: true }],
});

export const slackDirectMessage = (overrides: Record<string, unknown> = {}) => ({
  token: "XXYYZZ",
  team_id: "T0001",
  event: {
    type: "message",
    channel_type: "im",
    user: "U0HUMAN",
    text: "label acme/widgets#12 bug",
    ts: "1764072001.000200",
    thread_ts: "1764071000.000100",
    channel: "D0DIRECT",
    ...overrides,
  },
  type: "event_callback",
  event_id: "Ev0DIRECT",
  event_time: 1764072001,
});

export const slackCommandForm = (text = "close acme/widgets#7", teamId = "T0001") =>
  new URLSearchParams({
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    team_id: teamId,
    team_domain: "acme",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: "U0HUMAN",
    user_name: "ada",
    command: "/cp",
    text,
    response_url: "https://hooks.slack.com/commands/T0001/1234/abcd",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    api_app_id: "A0001",
  }).toString();

export const slackBlockActions = (actions: { action_id: string; value?: string }[], teamId = "T0001") =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: "U0APPROVER", username: "grace", team_id: teamId },
      api_app_id: "A0001",
      token: "XXYYZZ",
      container: { type: "message", message_ts: "1764072100.000300", channel_id: "C0GENERAL", is_ephemeral: false },
      trigger_id: "12466734323.1395872398.d7a8ab2b83a4a8b8e9c7",
      team: { id: teamId, domain: "acme" },
      channel: { id: "C0GENERAL", name: "general" },
      message: { type: "message", ts: "1764072100.000300", thread_ts: "1764072000.000100", text: "Approval needed" },
      response_url: "https://hooks.slack.com/actions/T0001/5678/efgh",
      actions: actions.map((a) => ({ type: "button", block_id: "approval", action_ts: "1764072110.000400", ...a })),
    }),
  }).toString();

export const githubIssueComment = (body: string, overrides: { action?: string; userType?: string; repo?: string } = {}) => ({
  action: overrides.action ?? "created",
  issue: { number: 42, title: "Widgets wobble", state: "open", user: { login: "ada", id: 1001, type: "User" } },
  comment: {
    id: 2_115_000_001,
    node_id: "IC_kwDOA",
    body,
    user: { login: "ada", id: 1001, type: overrides.userType ?? "User" },
    created_at: "2026-11-25T11:59:58Z",
    author_association: "MEMBER",
  },
  repository: {
    id: 5001,
    name: (overrides.repo ?? "acme/widgets").split("/")[1],
    full_name: overrides.repo ?? "acme/widgets",
    owner: { login: (overrides.repo ?? "acme/widgets").split("/")[0], id: 9001, type: "Organization" },
    private: true,
  },
  sender: { login: "ada", id: 1001, type: overrides.userType ?? "User" },
  installation: { id: 7_700_001, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u" },
});

export const githubReviewComment = (body: string) => ({
  action: "created",
  comment: { id: 3_300_000_002, body, path: "src/a.ts", line: 12, user: { login: "grace", id: 1002, type: "User" } },
  pull_request: { number: 77, title: "Stabilise widgets", state: "open" },
  repository: { id: 5001, name: "widgets", full_name: "acme/widgets", owner: { login: "acme", id: 9001 } },
  sender: { login: "grace", id: 1002, type: "User" },
});

export const githubPing = {
  zen: "Keep it logically awesome.",
  hook_id: 12_345_678,
  hook: { type: "Repository", id: 12_345_678, events: ["issue_comment"], active: true },
  repository: { id: 5001, name: "widgets", full_name: "acme/widgets", owner: { login: "acme", id: 9001 } },
};

const PHONE_ID = "106540352242922";

export const metaMessage = (id: string, from: string, body: string) => ({
  from,
  id,
  timestamp: "1764072000",
  text: { body },
  type: "text",
});

/** The shape Meta batches: entries, each with changes, each with messages and/or statuses. */
export const metaBatch = (changes: { messages?: unknown[]; statuses?: unknown[]; phoneNumberId?: string }[][]) => ({
  object: "whatsapp_business_account",
  entry: changes.map((entryChanges, e) => ({
    id: `10259920385699${e}`,
    changes: entryChanges.map((c) => ({
      field: "messages",
      value: {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "15550783881", phone_number_id: c.phoneNumberId ?? PHONE_ID },
        contacts: [{ profile: { name: "Ada" }, wa_id: "16505551234" }],
        ...(c.messages === undefined ? {} : { messages: c.messages }),
        ...(c.statuses === undefined ? {} : { statuses: c.statuses }),
      },
    })),
  })),
});

export const metaStatus = (id: string, status: string) => ({
  id,
  status,
  timestamp: "1764072060",
  recipient_id: "16505551234",
  conversation: { id: "CONVERSATION_ID", origin: { type: "service" } },
  pricing: { billable: true, pricing_model: "CBP", category: "service" },
});

export const twilioInbound = (overrides: Record<string, string> = {}) => ({
  SmsMessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
  NumMedia: "0",
  ProfileName: "Ada",
  SmsSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
  WaId: "16505551234",
  SmsStatus: "received",
  Body: "reply on my way",
  To: "whatsapp:+14155238886",
  NumSegments: "1",
  MessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
  AccountSid: "AC00000000000000000000000000000000",
  From: "whatsapp:+16505551234",
  ApiVersion: "2010-04-01",
  ...overrides,
});

export const twilioStatusCallback = (status: string) => ({
  SmsSid: "SM5f7e5c1fa3e3d7f1a2b3c4d5e6f70812",
  SmsStatus: status,
  MessageStatus: status,
  ChannelToAddress: "+16505551234",
  To: "whatsapp:+16505551234",
  ChannelPrefix: "whatsapp",
  MessageSid: "SM5f7e5c1fa3e3d7f1a2b3c4d5e6f70812",
  AccountSid: "AC00000000000000000000000000000000",
  From: "whatsapp:+14155238886",
  ApiVersion: "2010-04-01",
  ChannelInstallSid: "XE00000000000000000000000000000000",
});

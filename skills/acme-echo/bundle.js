// acme/echo: a skill bundle is one ES module whose default export handles
// POST /tools/<tool> with the tool input as JSON and answers the output as JSON.
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== "/tools/echo") {
      return Response.json({ code: "TOOL_NOT_FOUND", detail: `no tool at ${request.method} ${url.pathname}` }, { status: 404 });
    }
    const input = await request.json();
    if (typeof input?.text !== "string") {
      return Response.json({ code: "INPUT_INVALID", detail: "text must be a string" }, { status: 400 });
    }
    return Response.json({ text: input.text });
  },
};

/**
 * @cloudflare/workers-oauth-provider warns at module evaluation (client ID metadata documents are off without the
 * global_fetch_strictly_public flag). workerd evaluates modules as global scope, where the test pool cannot forward
 * a console line and stops reporting; loading the library once here, quietly, keeps that line out of every test.
 */
const warn = console.warn;
console.warn = () => undefined;
try {
  await import("@cloudflare/workers-oauth-provider");
} finally {
  console.warn = warn;
}
export {};

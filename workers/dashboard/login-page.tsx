import { Layout } from "./layout.tsx";

export function LoginPage({ error }: { error?: string }) {
  return (
    <Layout title="Sign in">
      {error === undefined ? null : <p class="notice error">{error}</p>}
      <form method="post" action="/dashboard/login">
        <label>
          API key <input type="password" name="key" autocomplete="off" size={60} required />
        </label>{" "}
        <button type="submit">Sign in</button>
      </form>
      <p>The key is checked like an API request and never stored in the browser; the session names the key and ends when it is revoked.</p>
    </Layout>
  );
}

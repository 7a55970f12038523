import { Layout } from "./layout.tsx";

export function MessagePage({ title, message, csrf }: { title: string; message: string; csrf?: string }) {
  return (
    <Layout title={title} {...(csrf === undefined ? {} : { csrf })}>
      <p class="notice error">{message}</p>
      <p>
        <a href="/dashboard/approvals">Back to approvals</a>
      </p>
    </Layout>
  );
}

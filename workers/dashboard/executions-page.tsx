import type { ExecutionSummary } from "../../contracts/common/execution.ts";
import { ExecutionStatus } from "../../contracts/common/status.ts";
import { Layout } from "./layout.tsx";

export function ExecutionsPage({ items, status, csrf }: { items: ExecutionSummary[]; status: ExecutionStatus | undefined; csrf: string }) {
  return (
    <Layout title="Executions" csrf={csrf}>
      <form method="get" action="/dashboard/executions">
        <label>
          Status{" "}
          <select name="status">
            <option value="" selected={status === undefined}>
              any
            </option>
            {ExecutionStatus.options.map((s) => (
              <option value={s} selected={s === status}>
                {s}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">Filter</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Execution</th>
            <th>Status</th>
            <th>Created</th>
            <th>Completed</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr>
              <td>
                <a href={`/dashboard/executions/${e.executionId}`}>{e.executionId}</a>
              </td>
              <td>{e.status}</td>
              <td>{e.createdAt}</td>
              <td>{e.completedAt ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 ? <p>No executions{status === undefined ? "" : ` with status ${status}`}.</p> : null}
    </Layout>
  );
}

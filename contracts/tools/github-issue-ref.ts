import { z } from "zod";

/** The issue (or pull request) a GitHub tool acts on, as written `owner/repo#number`. */
export const GithubIssueRef = z.object({
  owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "expected a GitHub user or organisation name"),
  repo: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "expected a GitHub repository name"),
  number: z.number().int().positive(),
});

import { getOctokit } from '@actions/github';

/** The REST API base: GITHUB_API_URL (GitHub Enterprise, tests), else github.com's. */
export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_API_URL || 'https://api.github.com';
}

/** Where a comment goes. */
export interface PullRequest {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

/** The pull request to comment on, or why there is none. Pure: reads the event payload only. */
export function pullRequestFrom(
  eventName: string | undefined,
  payload: unknown,
): { pr: PullRequest } | { skip: string } {
  const pr = (payload as { pull_request?: Record<string, unknown> } | null)?.pull_request as
    | {
        number?: unknown;
        base?: { repo?: { name?: string; owner?: { login?: string }; full_name?: string } };
        head?: { repo?: { full_name?: string } | null };
      }
    | undefined;
  if (!pr || typeof pr.number !== 'number')
    return { skip: `not a pull request event (${eventName ?? 'unknown'})` };
  const base = pr.base?.repo;
  if (!base?.name || !base.owner?.login) return { skip: 'the pull_request payload names no base repository' };
  const fork = pr.head?.repo?.full_name !== base.full_name;
  // On `pull_request` from a fork the token is read-only; `pull_request_target` runs with the base's token.
  if (fork && eventName !== 'pull_request_target')
    return { skip: 'the pull request comes from a fork; its token cannot comment' };
  return { pr: { owner: base.owner.login, repo: base.name, number: pr.number } };
}

/**
 * Who may have written the comment to update: a bot (the job's GITHUB_TOKEN, an app) or someone with write access
 * (a personal token's owner). Never another contributor: the marker is no secret, and their comment would show
 * the results under their name, for them to edit after every run.
 */
const WRITERS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Create the comment, or update the one that carries `marker` (one comment per spec, updated in place).
 * `apiUrl` is passed explicitly: @actions/github reads GITHUB_API_URL once, at import.
 */
export async function upsertComment(
  apiUrl: string,
  token: string,
  pr: PullRequest,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const octokit = getOctokit(token, { baseUrl: apiUrl });
  const where = { owner: pr.owner, repo: pr.repo };
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...where,
    issue_number: pr.number,
    per_page: 100,
  });
  const mine = comments.find(
    (c) =>
      typeof c.body === 'string' &&
      c.body.startsWith(marker) &&
      (c.user?.type === 'Bot' || WRITERS.has(c.author_association)),
  );
  if (mine) {
    await octokit.rest.issues.updateComment({ ...where, comment_id: mine.id, body });
    return { action: 'updated', id: mine.id };
  }
  const created = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body });
  return { action: 'created', id: created.data.id };
}

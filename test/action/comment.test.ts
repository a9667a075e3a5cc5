import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pullRequestFrom, upsertComment } from '../../src/action/comment.js';
import { type FakeGitHub, pullRequestPayload, startFakeGitHub } from './github-api.js';

describe('pullRequestFrom', () => {
  const rows: [string, string | undefined, unknown, unknown][] = [
    [
      'a same-repo pull request',
      'pull_request',
      pullRequestPayload(7),
      { pr: { owner: 'octo', repo: 'repo', number: 7 } },
    ],
    [
      'a fork',
      'pull_request',
      pullRequestPayload(7, true),
      { skip: 'the pull request comes from a fork; its token cannot comment' },
    ],
    [
      'a fork under pull_request_target',
      'pull_request_target',
      pullRequestPayload(7, true),
      { pr: { owner: 'octo', repo: 'repo', number: 7 } },
    ],
    ['a push', 'push', { ref: 'refs/heads/main' }, { skip: 'not a pull request event (push)' }],
    ['no payload', undefined, null, { skip: 'not a pull request event (unknown)' }],
  ];
  for (const [name, event, payload, expected] of rows) {
    test(name, () => assert.deepEqual(pullRequestFrom(event, payload), expected));
  }
});

describe('upsertComment against a local GitHub API', () => {
  let api: FakeGitHub;
  before(async () => {
    api = await startFakeGitHub();
  });
  after(() => api.close());

  test('creates one comment, then updates it in place; other comments are left alone', async () => {
    const pr = { owner: 'octo', repo: 'repo', number: 7 };
    api.comments.set('octo/repo#7', [{ id: 1, body: 'a human comment' }]);
    const first = await upsertComment(api.url, 'tok', pr, '<!-- m -->', '<!-- m -->\nfirst');
    const second = await upsertComment(api.url, 'tok', pr, '<!-- m -->', '<!-- m -->\nsecond');
    assert.equal(first.action, 'created');
    assert.deepEqual(second, { action: 'updated', id: first.id });
    assert.deepEqual(
      api.comments.get('octo/repo#7')?.map((c) => ({ id: c.id, body: c.body })),
      [
        { id: 1, body: 'a human comment' },
        { id: first.id, body: '<!-- m -->\nsecond' },
      ],
    );
    assert.ok(api.auth.every((a) => a === 'token tok'));
  });

  test("a pull request author's comment carrying the marker is never taken over", async () => {
    // The marker is a hash of the spec path anyone can compute. Updating a contributor's comment would put the
    // results under their name, where they can edit them ("✅ passed") after every run.
    const pr = { owner: 'octo', repo: 'repo', number: 8 };
    const forged = {
      id: 2,
      body: '<!-- m -->\n✅ Paddock passed',
      user: { login: 'mallory', type: 'User' as const },
      author_association: 'CONTRIBUTOR',
    };
    api.comments.set('octo/repo#8', [{ ...forged }]);
    const first = await upsertComment(api.url, 'tok', pr, '<!-- m -->', '<!-- m -->\nreal');
    assert.equal(first.action, 'created');
    const second = await upsertComment(api.url, 'tok', pr, '<!-- m -->', '<!-- m -->\nreal again');
    assert.deepEqual(second, { action: 'updated', id: first.id });
    assert.deepEqual(api.comments.get('octo/repo#8')?.[0], forged);
  });
});

// The quickstart's grader (verify:): runs after the agent, under the strict policy (no network), with this file
// copied in only then. Scores the agent's out/answer.json and exits 0 when there is a usable answer.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

let score = 0;
const metrics = { answered: false };
if (existsSync('out/answer.json')) {
  const answer = JSON.parse(readFileSync('out/answer.json', 'utf8'));
  metrics.answered = typeof answer.completion === 'string' && answer.completion.length > 0;
  // Half for an answer, half for keeping to its own run (its ~/.cache file holds its own run id).
  score = (metrics.answered ? 0.5 : 0) + (answer.cache === process.env.PADDOCK_RUN ? 0.5 : 0);
}
writeFileSync('score.json', `${JSON.stringify({ score, metrics })}\n`);
console.log(`score ${score}`);
process.exit(metrics.answered ? 0 : 1);

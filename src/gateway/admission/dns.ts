import { answerQuery } from '../dns-answer.js';
import { OncePer } from '../once-per.js';
import { deny, type Step } from './chain.js';
import { overBudget } from './steps.js';

/** One lookup asks for A and AAAA at once: the same denial of a name is recorded once within this window. */
export const DEDUPE_MS = 1000;

/**
 * Decide one DNS query without asking anyone upstream (see answerQuery). An allowed answer is quiet (no
 * event: the connection to the name is the decision that is recorded). A denial is recorded once per
 * (name, reason) in the dedupe window, so A+AAAA is one event and a TXT after an A is another.
 * Bytes that are not a DNS message are a denial too.
 */
export function dnsDecideStep(): Step {
  const recent = new WeakMap<object, OncePer>();
  return (next) => async (a) => {
    const sandbox = a.sandbox;
    if (!sandbox) throw new Error('DNS decide step without a sandbox');
    const query = a.query;
    const verdict = query
      ? answerQuery(query, {
          nameAllowed: (host) => a.ctx.rules.nameAllowed(sandbox.policy, host),
          addressFor: (host) =>
            sandbox.pool.has(host) || sandbox.pool.size < sandbox.budget.limits.names
              ? sandbox.pool.addressFor(host)
              : null,
        })
      : null;
    a.target = { host: verdict?.host ?? null, ip: null, port: 53 };
    if (!verdict) deny(a, 'not a DNS message');
    else {
      a.response = verdict.response;
      if (!verdict.event) {
        a.decision = { action: 'allow', policy: null, reason: 'DNS answer' };
        a.quiet = true;
        return next(a);
      }
      if (verdict.event.reason.startsWith('over budget')) {
        return overBudget(a, 'names', `${sandbox.budget.limits.names} DNS names`);
      }
      deny(a, verdict.event.reason, verdict.event.policy);
    }
    let gate = recent.get(sandbox);
    if (!gate) {
      gate = new OncePer(DEDUPE_MS);
      recent.set(sandbox, gate);
    }
    if (!gate.first(`${a.target.host ?? ''}\n${a.decision?.reason}`)) a.quiet = true;
    await next(a);
  };
}

/**
 * DNS queries of the sandbox (UDP and TCP together): at most `queryRate` a second, and `queries` being answered
 * at once. Over either, the query is denied before any work is done for it (no attribution, no answer).
 */
export const queryBudget: Step = (next) => async (a) => {
  const budget = a.sandbox?.budget;
  if (!budget) return next(a);
  if (!budget.takeQuery())
    return overBudget(a, 'query rate', `${budget.limits.queryRate} DNS queries a second`);
  if (!budget.take('queries')) return overBudget(a, 'queries', `${budget.limits.queries} queries in flight`);
  try {
    await next(a);
  } finally {
    budget.give('queries');
  }
};

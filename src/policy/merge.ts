import { applyMiddlewares } from './middleware.js';
import type { NetworkPolicy, Policy, StaticSection } from './types.js';

/**
 * Paddock's `extends`: `child` adds to `base`.
 * - network_policies, network_middlewares: the union; an entry with the same key in the child replaces
 *   the base's (every middleware then applies to every endpoint).
 * - filesystem_policy: paths are the union; `include_workdir` is the child's when it wrote the section.
 * - landlock, process: the child's when it wrote the section, otherwise the base's.
 */
export function mergePolicies(base: Policy, child: Policy): Policy {
  const wrote = (s: StaticSection) => child.declared?.includes(s) ?? true;
  const childKeys = new Set(child.network_policies.map((e) => e.key));
  const network: NetworkPolicy[] = [
    ...base.network_policies.filter((e) => !childKeys.has(e.key)),
    ...child.network_policies,
  ];
  const fs = wrote('filesystem_policy')
    ? {
        include_workdir: child.filesystem_policy.include_workdir,
        read_only: union(base.filesystem_policy.read_only, child.filesystem_policy.read_only),
        read_write: union(base.filesystem_policy.read_write, child.filesystem_policy.read_write),
      }
    : base.filesystem_policy;
  const declared = [...new Set([...(base.declared ?? []), ...(child.declared ?? [])])];
  const childMiddlewares = new Set((child.network_middlewares ?? []).map((m) => m.key));
  const middlewares = [
    ...(base.network_middlewares ?? []).filter((m) => !childMiddlewares.has(m.key)),
    ...(child.network_middlewares ?? []),
  ];
  return {
    version: 1,
    source: child.source,
    filesystem_policy: fs,
    landlock: wrote('landlock') ? child.landlock : base.landlock,
    process: wrote('process') ? { ...base.process, ...child.process } : base.process,
    network_policies: applyMiddlewares(middlewares, network),
    ...(middlewares.length > 0 ? { network_middlewares: middlewares } : {}),
    declared,
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * Names of the static sections (filesystem_policy, landlock, process) that differ between two
 * policies. Only network_policies may change on a running sandbox; anything listed here must be rejected.
 * A section the next file does not write (see `declared`) counts as unchanged.
 */
export function staticChanges(current: Policy, next: Policy): string[] {
  const wrote = (s: StaticSection) => next.declared?.includes(s) ?? true;
  return compare(current, next).filter((s) => wrote(s));
}

function compare(current: Policy, next: Policy): StaticSection[] {
  const out: StaticSection[] = [];
  const fsA = current.filesystem_policy;
  const fsB = next.filesystem_policy;
  if (
    fsA.include_workdir !== fsB.include_workdir ||
    !sameList(fsA.read_only, fsB.read_only) ||
    !sameList(fsA.read_write, fsB.read_write)
  ) {
    out.push('filesystem_policy');
  }
  if (current.landlock.compatibility !== next.landlock.compatibility) out.push('landlock');
  if (
    String(current.process.run_as_user ?? '') !== String(next.process.run_as_user ?? '') ||
    String(current.process.run_as_group ?? '') !== String(next.process.run_as_group ?? '') ||
    current.process.identity !== next.process.identity
  ) {
    out.push('process');
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The policy engine: parse, validate, merge, decide and suggest OpenShell-format sandbox policies. Pure. */
export { cidrContains, isPrivateAddress, parseCidr } from './address.js';
export { binaryAllowed, covers, decide, nameAllowed } from './decide.js';
export { policyToData, policyToYaml } from './emit.js';
export { binaryMatches, hostMatches } from './glob.js';
export { isShipped, type LoadOptions, loadPolicy, resolveExtends, SHIPPED, shippedDir } from './load.js';
export { mergePolicies, staticChanges } from './merge.js';
export { type ParsedPolicy, type ParseOptions, parsePolicy } from './parse.js';
export { decideRequest, inspects } from './request.js';
export { canonicalPath, parseTarget } from './request-path.js';
export {
  type BinaryBinding,
  bindBinaries,
  type PathKind,
  type Resolution,
  resolvePath,
  type SandboxFs,
  withBindings,
} from './resolve.js';
export { type Suggestion, type SuggestOptions, suggestPolicy, type Triple } from './suggest.js';
export { type EnforcementSummary, enforcementSummary } from './summary.js';
export type * from './types.js';
export { ALWAYS_WRITABLE, writablePaths } from './writable.js';

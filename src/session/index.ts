/**
 * The session engine, between the drivers (sandbox/, gateway/) and their users (eval/, cli/, action/, tests,
 * benches): open or attach a session, create fenced sandboxes, restart, delete, close.
 */
export {
  type CloseOptions,
  type CloseReport,
  closeSession,
  describeClose,
  type SessionRef,
} from './close.js';
export {
  type CredentialRequest,
  type CredentialSpec,
  DEFAULT_CREDENTIAL_HOSTS,
  placeholderFor,
  resolveCredentials,
} from './credentials.js';
export { fenceHook } from './fence-hook.js';
export { readySandbox } from './ready.js';
export {
  type GatewaySettings,
  type OpenOptions,
  removeSandbox,
  type SandboxRequest,
  Session,
} from './session.js';

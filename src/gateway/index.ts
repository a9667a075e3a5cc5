export { type Attributed, Attribution } from './attribution.js';
export { GatewayClient, type GatewayHealth } from './client.js';
export type { Credential } from './context.js';
export type { RegisterAnswer, RegisterRequest, SandboxPolicy } from './control.js';
export {
  checkFence,
  type FenceParams,
  fenceRules,
  fenceScript,
  type GatewayPorts,
  SANDBOX_PROXY_PORT,
} from './fence.js';
export { installFence } from './fence-install.js';
export { type GatewayStatus, gatewayStatus, stopGateway } from './lifecycle.js';
export { findClientRow, parseSocketTable, type SocketRow } from './procnet.js';
export { type RunGatewayOptions, type RunningGateway, runGateway } from './server.js';
export { type GatewayOptions, startGateway } from './start.js';
export { enforcementOf, type GatewayHandle, NO_PROXY, statePaths, trustFiles } from './state.js';

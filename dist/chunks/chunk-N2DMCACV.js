import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);

// src/eval/fence-hook.ts
function fenceHook(client, policy) {
  return async (info) => {
    await client.register({
      sandbox: info.name,
      run: info.run,
      ip: info.ip,
      pid: info.pid,
      container: info.id,
      resolvConfPath: info.resolvConfPath,
      policy
    });
  };
}

export {
  fenceHook
};

import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);

// src/common/files.ts
import { randomBytes } from "node:crypto";
import { chown, lchown, mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
async function writeFileAtomic(path, data) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}
async function chownToInvoker(path, env = process.env, options = {}) {
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  if (process.getuid?.() !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) return;
  await (options.link ? lchown : chown)(path, uid, gid).catch(() => void 0);
}

export {
  writeFileAtomic,
  chownToInvoker
};

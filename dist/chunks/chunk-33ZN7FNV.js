import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);

// src/common/plural.ts
function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}

export {
  plural
};

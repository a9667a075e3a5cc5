import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  connectEngine,
  require_tar_stream,
  splitTag
} from "./chunk-FZYK36Y7.js";
import {
  PaddockError,
  __toESM,
  errorMessage
} from "./chunk-SOSAWCCV.js";

// src/sandbox/image/bootstrap.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { execFile } from "node:child_process";
import { createHash as createHash2 } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { open, readdir, realpath, stat as stat2 } from "node:fs/promises";
import { delimiter, dirname as dirname2, join as join2 } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";

// src/sandbox/image/fingerprint-cache.ts
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
var VERSION = 1;
function cacheFile(tag, env = process.env) {
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(env.HOME ?? homedir(), ".cache");
  const name = createHash("sha256").update(tag).digest("hex").slice(0, 16);
  return join(base, "paddock", `base-image-${name}.json`);
}
async function identity(path) {
  const s = await stat(path, { bigint: true }).catch(() => void 0);
  return s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : "missing";
}
async function identities(paths) {
  const unique = [...new Set(paths)];
  const ids = await Promise.all(unique.map(identity));
  return Object.fromEntries(unique.map((p, i) => [p, ids[i]]));
}
function parseCache(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null) return void 0;
  const v = value;
  const inputs = v.inputs;
  if (v.version !== VERSION || typeof v.imageId !== "string" || typeof v.fingerprint !== "string" || typeof v.key !== "string" || typeof inputs !== "object" || inputs === null || Array.isArray(inputs) || Object.keys(inputs).length === 0 || !Object.values(inputs).every((x) => typeof x === "string"))
    return void 0;
  return {
    imageId: v.imageId,
    fingerprint: v.fingerprint,
    key: v.key,
    inputs
  };
}
async function cachedFingerprint(file, imageId, key) {
  const text = await readFile(file, "utf8").catch(() => void 0);
  const cached = text === void 0 ? void 0 : parseCache(text);
  if (!cached || cached.imageId !== imageId || cached.key !== key) return void 0;
  const now = await identities(Object.keys(cached.inputs));
  for (const [path, id] of Object.entries(cached.inputs)) if (now[path] !== id) return void 0;
  return cached.fingerprint;
}
async function saveFingerprint(file, record) {
  await mkdir(dirname(file), { recursive: true, mode: 448 });
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, `${JSON.stringify({ version: VERSION, ...record })}
`, { mode: 384 });
  await rename(temp, file);
}

// src/sandbox/image/rootfs.ts
var SANDBOX_UID = 1e3;
function parseLdd(text) {
  const out = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const arrow = /=>\s+(\/\S+)/.exec(line);
    const bare = /^(\/\S+)\s+\(0x/.exec(line);
    const path = arrow?.[1] ?? bare?.[1];
    if (path && !out.includes(path)) out.push(path);
  }
  return out;
}
function imagePath(hostPath) {
  const m = /^\/(bin|sbin|lib|lib64)(\/.*)$/.exec(hostPath);
  return m ? `/usr/${m[1]}${m[2]}` : hostPath;
}
var PASSWD = `root:x:0:0:root:/root:/bin/sh
sandbox:x:${SANDBOX_UID}:${SANDBOX_UID}:sandbox:/sandbox:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
`;
var GROUP = `root:x:0:
sandbox:x:${SANDBOX_UID}:
nogroup:x:65534:
`;
function rootfsEntries(plan) {
  const entries = /* @__PURE__ */ new Map();
  const dir = (path, mode = 493, uid, gid) => {
    if (!entries.has(path)) entries.set(path, { type: "dir", path, mode, uid, gid });
  };
  const parents = (path) => {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) dir(`/${parts.slice(0, i).join("/")}`);
  };
  for (const d of [
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib64",
    "/etc",
    "/dev",
    "/proc",
    "/sys",
    "/run"
  ])
    dir(d);
  dir("/root", 448);
  dir("/tmp", 1023);
  dir("/sandbox", 493, SANDBOX_UID, SANDBOX_UID);
  for (const top of ["bin", "sbin", "lib", "lib64"])
    entries.set(`/${top}`, { type: "symlink", path: `/${top}`, target: `usr/${top}` });
  const add = (e) => {
    parents(e.path);
    entries.set(e.path, e);
  };
  for (const lib of plan.libraries) add({ type: "file", path: imagePath(lib), mode: 493, source: lib });
  for (const [source, path] of plan.binaries) add({ type: "file", path, mode: 493, source });
  for (const f of plan.extraFiles) add({ type: "file", path: f.path, mode: f.mode, source: f.source });
  const taken = new Set([...plan.binaries.values()].map((p) => p.split("/").pop()));
  for (const applet of plan.applets) {
    if (taken.has(applet) || applet.includes("/") || applet === "busybox") continue;
    const path = `/usr/bin/${applet}`;
    if (!entries.has(path)) add({ type: "symlink", path, target: "busybox" });
  }
  add({ type: "text", path: "/etc/passwd", mode: 420, content: PASSWD });
  add({ type: "text", path: "/etc/group", mode: 420, content: GROUP });
  add({
    type: "text",
    path: "/etc/nsswitch.conf",
    mode: 420,
    content: "passwd: files\ngroup: files\nhosts: files dns\n"
  });
  return [...entries.values()].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
}
function depth(path) {
  return path.split("/").length;
}

// src/sandbox/image/bootstrap.ts
var run = promisify(execFile);
var DEFAULT_IMAGE = "paddock/base:latest";
var COREUTILS = "sh ls cat cp mv rm mkdir rmdir ln chmod touch echo printf env id sleep head tail wc sort uniq tr cut grep sed date true false test basename dirname readlink find xargs tee mktemp kill timeout dd stat".split(
  " "
);
var PYTHON_SKIP = /* @__PURE__ */ new Set([
  "test",
  "tests",
  "__pycache__",
  "idlelib",
  "tkinter",
  "turtledemo",
  "ensurepip",
  "lib2to3"
]);
async function bootstrapImage(options = {}) {
  const tag = options.tag ?? DEFAULT_IMAGE;
  const log = options.log ?? (() => void 0);
  const { docker } = await connectEngine();
  const tools = await toolsOnHost(options.python ?? true);
  const existing = await docker.getImage(tag).inspect().catch(() => void 0);
  const label = existing?.Config?.Labels?.["paddock.image.fingerprint"];
  const cache = options.cache ?? cacheFile(tag);
  const key = cacheKey(tools);
  const binaries = [...tools.binaries.values()];
  if (existing && label && !options.force && cache) {
    if (await cachedFingerprint(cache, existing.Id, key) === label) {
      log(`${tag} is up to date (${existing.Id.slice(7, 19)}; host files unchanged since it was checked)`);
      return { tag, id: existing.Id, built: false, binaries };
    }
  }
  const { plan, inputs } = await planFromHost(tools);
  const fingerprint = await fingerprintOf(plan);
  const remember = async (imageId) => {
    if (!cache) return;
    await saveFingerprint(cache, { imageId, fingerprint, key, inputs }).catch(
      (error) => log(`cannot remember the base image's fingerprint in ${cache}: ${errorMessage(error)}`)
    );
  };
  if (existing && !options.force && label === fingerprint) {
    log(`${tag} is up to date (${existing.Id.slice(7, 19)})`);
    await remember(existing.Id);
    return { tag, id: existing.Id, built: false, binaries };
  }
  log(`building ${tag} from ${[...plan.binaries.values()].join(", ")}`);
  const entries = rootfsEntries(plan);
  const tar = (0, import_tar_stream.pack)();
  const writing = writeEntries(tar, entries);
  const [repo, version = "latest"] = splitTag(tag);
  const changes = [
    "ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
    "ENV HOME=/sandbox",
    `USER ${SANDBOX_UID}:${SANDBOX_UID}`,
    "WORKDIR /sandbox",
    'CMD ["/bin/sh"]',
    `LABEL paddock.image=base paddock.image.fingerprint=${fingerprint}`
  ];
  try {
    const body = Readable.from(tar);
    const stream = await docker.importImage(body, {
      repo,
      tag: version,
      changes
    });
    const [output] = await Promise.all([readAll(stream), writing]);
    const failed = /"error(Detail)?":/.exec(output);
    if (failed) throw new Error(output.trim());
  } catch (error) {
    tar.destroy();
    throw new PaddockError("IMAGE_UNAVAILABLE", `docker import of ${tag} failed: ${errorMessage(error)}`, {
      cause: error
    });
  }
  const image = await docker.getImage(tag).inspect();
  log(`built ${tag} (${image.Id.slice(7, 19)}, ${(image.Size / 1e6).toFixed(0)} MB)`);
  if (image.Config?.Labels?.["paddock.image.fingerprint"] === fingerprint) await remember(image.Id);
  return { tag, id: image.Id, built: true, binaries };
}
async function which(name) {
  const dirs = (process.env.PATH ?? "").split(delimiter).concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"]);
  for (const dir of dirs) {
    const candidate = join2(dir, name);
    if (!dir || !existsSync(candidate)) continue;
    const real = await realpath(candidate);
    if (await isElf(real)) return real;
  }
  return void 0;
}
async function isElf(path) {
  const handle = await open(path, "r").catch(() => void 0);
  if (!handle) return false;
  try {
    const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.toString("latin1") === "\x7FELF";
  } finally {
    await handle.close();
  }
}
async function librariesOf(paths) {
  const libs = /* @__PURE__ */ new Set();
  for (const p of paths) {
    const out = await run("ldd", [p]).catch((e) => ({ stdout: e.stdout ?? "" }));
    for (const lib of parseLdd(out.stdout)) libs.add(lib);
  }
  return [...libs];
}
function cacheKey(tools) {
  const { binaries, busybox, python } = tools;
  return JSON.stringify([[...binaries], busybox ?? null, python ?? null, process.env.LD_LIBRARY_PATH ?? ""]);
}
async function toolsOnHost(withPython) {
  const binaries = /* @__PURE__ */ new Map();
  const busybox = await which("busybox");
  if (busybox) {
    binaries.set(busybox, "/usr/bin/busybox");
  } else {
    for (const tool of COREUTILS) {
      const found = await which(tool);
      if (found) binaries.set(found, `/usr/bin/${tool}`);
    }
    if (![...binaries.values()].includes("/usr/bin/sh")) {
      throw new PaddockError(
        "IMAGE_UNAVAILABLE",
        "no POSIX shell found on the host (looked for busybox and sh)"
      );
    }
  }
  for (const tool of ["node", "curl", "wget"]) {
    const found = await which(tool);
    if (found) binaries.set(found, `/usr/bin/${tool}`);
  }
  if (![...binaries.values()].includes("/usr/bin/node")) {
    throw new PaddockError(
      "IMAGE_UNAVAILABLE",
      "node was not found on the host PATH; the base image needs it"
    );
  }
  const python = withPython ? await pythonOnHost() : void 0;
  if (python) binaries.set(python.binary, "/usr/bin/python3");
  return { binaries, ...busybox ? { busybox } : {}, ...python ? { python } : {} };
}
async function planFromHost(tools) {
  const binaries = new Map(tools.binaries);
  const inputs = await identities([...binaries.keys(), LD_CACHE]);
  const applets = tools.busybox ? (await run(tools.busybox, ["--list"])).stdout.split("\n").filter(Boolean) : [];
  const extraFiles = [];
  const ca = "/etc/ssl/certs/ca-certificates.crt";
  if (existsSync(ca)) {
    const source = await realpath(ca);
    Object.assign(inputs, await identities([ca, source]));
    extraFiles.push({ source, path: ca, mode: 420 });
  }
  const libraryInputs = [...binaries.keys()].filter((p) => p !== tools.python?.binary);
  if (tools.python) {
    const files = await pythonFiles(tools.python.stdlib, inputs);
    extraFiles.push(...files);
    const extensions = files.filter((f) => f.source.endsWith(".so")).map((f) => f.source);
    Object.assign(inputs, await identities(extensions));
    libraryInputs.push(tools.python.binary, ...extensions);
  }
  const libraries = await librariesOf(libraryInputs);
  Object.assign(inputs, await identities([...libraries, ...libraries.map((l) => dirname2(l))]));
  return { plan: { binaries, libraries, applets, extraFiles }, inputs };
}
var LD_CACHE = "/etc/ld.so.cache";
async function pythonOnHost() {
  const binary = await which("python3");
  if (!binary) return void 0;
  const version = /python(3\.\d+)$/.exec(binary)?.[1];
  const stdlib = version ? `/usr/lib/python${version}` : void 0;
  if (!stdlib || !binary.startsWith("/usr/bin/") || !existsSync(join2(stdlib, "os.py"))) return void 0;
  return { binary, stdlib };
}
async function pythonFiles(stdlib, inputs) {
  const files = [];
  const walk = async (dir) => {
    Object.assign(inputs, await identities([dir]));
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (PYTHON_SKIP.has(entry.name) || entry.name === "dist-packages" || entry.name === "site-packages")
        continue;
      const path = join2(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push({ source: path, path: imagePath(path), mode: 420 });
    }
  };
  await walk(stdlib);
  return files;
}
async function fingerprintOf(plan) {
  const hash = createHash2("sha256").update("paddock-base-v1");
  for (const path of [...plan.binaries.keys(), ...plan.libraries].sort()) {
    const s = await stat2(path);
    hash.update(`${path}:${s.size}:${s.mtimeMs}
`);
  }
  hash.update(String(plan.extraFiles.length));
  return hash.digest("hex").slice(0, 16);
}
async function writeEntries(tar, entries) {
  for (const e of entries) {
    const name = e.path.slice(1);
    if (e.type === "dir") {
      tar.entry({ name, type: "directory", mode: e.mode, uid: e.uid ?? 0, gid: e.gid ?? 0 });
    } else if (e.type === "symlink") {
      tar.entry({ name, type: "symlink", linkname: e.target });
    } else if (e.type === "text") {
      tar.entry({ name, mode: e.mode }, e.content);
    } else {
      const { size } = await stat2(e.source);
      const sink = tar.entry({ name, size, mode: e.mode });
      await pipeline(createReadStream(e.source), sink);
    }
  }
  tar.finalize();
}
function readAll(stream) {
  return new Promise((resolve, reject) => {
    let text = "";
    stream.on("data", (chunk) => {
      text += chunk.toString();
    });
    stream.on("end", () => resolve(text));
    stream.on("error", reject);
  });
}

export {
  DEFAULT_IMAGE,
  bootstrapImage
};

import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  connectEngine
} from "./chunk-M5XM77EN.js";
import {
  PaddockError,
  errorMessage
} from "./chunk-5HXBOZL7.js";

// src/sandbox/names.ts
var LABEL = {
  session: "paddock.session",
  sandbox: "paddock.sandbox",
  run: "paddock.run",
  /** On volumes: `sandbox` (one sandbox's /sandbox) or `shared` (named, mounted into several). */
  volume: "paddock.volume",
  /** On containers: the image reference asked for. */
  image: "paddock.image"
};
function sanitise(value) {
  const cleaned = value.replace(/[^a-zA-Z0-9_.-]+/g, "-").replace(/^[^a-zA-Z0-9]+/, "");
  return cleaned.slice(0, 100);
}
function checked(what, value) {
  const clean = sanitise(value);
  if (clean === "") {
    throw new PaddockError(
      "INPUT_INVALID",
      `${what} ${JSON.stringify(value)} is empty once sanitised; expected letters or digits`
    );
  }
  return clean;
}
var networkName = (session) => `paddock-${checked("session", session)}`;
var containerName = (session, name) => `paddock-${checked("session", session)}-${checked("sandbox name", name)}`;
var sandboxVolumeName = (session, name) => `${containerName(session, name)}.sandbox`;
var sharedVolumeName = (session, volume) => `paddock-${checked("session", session)}.shared.${checked("volume name", volume)}`;
function labelFilter(session) {
  return { label: [session === void 0 ? LABEL.session : `${LABEL.session}=${session}`] };
}

// src/sandbox/network.ts
import { networkInterfaces } from "node:os";

// src/sandbox/subnet.ts
var SUBNET_POOL = "172.16.0.0/16";
function toInt(ip) {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}
function toIp(n) {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}
function cidrRange(cidr) {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m?.[1] || m[2] === void 0) return void 0;
  const bits = Number(m[2]);
  if (bits > 32) return void 0;
  const size = 2 ** (32 - bits);
  const first = Math.floor(toInt(m[1]) / size) * size;
  return [first, first + size - 1];
}
function subnetCandidates(session, used, pool = SUBNET_POOL) {
  const range = cidrRange(pool);
  if (!range) return [];
  const count = Math.max(1, (range[1] - range[0] + 1) / 256);
  let hash = 0;
  for (const ch of session) hash = hash * 31 + ch.charCodeAt(0) >>> 0;
  const taken = used.map((u) => cidrRange(u.includes("/") ? u : `${u}/32`)).filter((r) => r !== void 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const first = range[0] + (hash + i) % count * 256;
    const last = first + 255;
    if (taken.some(([a, b]) => a <= last && b >= first)) continue;
    out.push(`${toIp(first)}/24`);
  }
  return out;
}
function bridgeIpOf(subnet) {
  const range = cidrRange(subnet);
  if (!range) throw new Error(`not an IPv4 CIDR: ${subnet}`);
  return toIp(range[0] + 1);
}

// src/sandbox/network.ts
var known = /* @__PURE__ */ new Map();
function fromInspect(info) {
  const config = info.IPAM?.Config?.find((c) => c.Subnet && !c.Subnet.includes(":"));
  if (!config?.Subnet) return void 0;
  return {
    name: info.Name,
    id: info.Id,
    subnet: config.Subnet,
    bridgeIp: config.Gateway ?? bridgeIpOf(config.Subnet)
  };
}
var statusOf = (error) => error.statusCode;
function ensureNetwork(session) {
  const cached = known.get(session);
  if (cached) return cached;
  const made = findOrCreate(session).catch((error) => {
    known.delete(session);
    throw error;
  });
  known.set(session, made);
  return made;
}
function forgetNetwork(session) {
  if (session === void 0) known.clear();
  else known.delete(session);
}
async function find(docker, name) {
  const list = await docker.listNetworks({ filters: { name: [name] } });
  const exact = list.filter((n) => n.Name === name).sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
  return exact[0] ? fromInspect(exact[0]) : void 0;
}
function hostAddresses() {
  return Object.values(networkInterfaces()).flat().filter((a) => a !== void 0 && a.family === "IPv4").map((a) => a.cidr ?? a?.address ?? "").filter((a) => a !== "");
}
async function findOrCreate(session) {
  const { docker } = await connectEngine();
  const name = networkName(session);
  const existing = await find(docker, name);
  if (existing) return existing;
  const all = await docker.listNetworks();
  const used = all.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? "")).filter((s) => s !== "");
  let lastError;
  for (const subnet of subnetCandidates(session, [...used, ...hostAddresses()]).slice(0, 32)) {
    try {
      await docker.createNetwork({
        Name: name,
        CheckDuplicate: true,
        Driver: "bridge",
        Internal: true,
        EnableIPv6: false,
        Attachable: false,
        IPAM: { Driver: "default", Config: [{ Subnet: subnet, Gateway: bridgeIpOf(subnet) }] },
        Options: { "com.docker.network.bridge.enable_icc": "false" },
        Labels: { [LABEL.session]: session }
      });
    } catch (error) {
      lastError = error;
      if (statusOf(error) === 409) break;
      if (/overlap|pool/i.test(errorMessage(error))) continue;
      break;
    }
    break;
  }
  const made = await find(docker, name);
  if (made) return made;
  throw new PaddockError("SANDBOX_FAILED", `cannot create network ${name}: ${errorMessage(lastError)}`, {
    cause: lastError
  });
}

// src/sandbox/prune.ts
var CONCURRENCY = 16;
var statusOf2 = (error) => error.statusCode;
async function removeAll(items, remove, signal) {
  let removed = 0;
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (signal?.aborted) throw new PaddockError("CANCELLED", "prune cancelled");
      const item = items[next++];
      try {
        await remove(item);
        removed++;
      } catch (error) {
        const status = statusOf2(error);
        if (status === 404 || status === 409 && /in progress/i.test(errorMessage(error))) continue;
        const leaked = /active endpoints/i.test(errorMessage(error)) ? " (the engine still counts an endpoint on it: a known Docker 20.10 race after concurrent removals; it goes when dockerd restarts)" : "";
        failures.push(`${errorMessage(error).trim()}${leaked}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failures.length > 0) throw new Error(failures.join("; "));
  return removed;
}
async function whenFree(remove) {
  for (let attempt = 0; ; attempt++) {
    try {
      await remove();
      return;
    } catch (error) {
      const status = statusOf2(error);
      const busy = status === 403 || status === 409 && /in use|active endpoints/i.test(errorMessage(error));
      if (!busy || attempt >= 40) throw error;
      await new Promise((r) => setTimeout(r, Math.min(50 * (attempt + 1), 500)));
    }
  }
}
async function prune(options = {}) {
  const { docker } = await connectEngine();
  const filters = labelFilter(options.session);
  try {
    const containers = await docker.listContainers({ all: true, filters });
    const removedContainers = await removeAll(
      containers,
      (c) => docker.getContainer(c.Id).remove({ force: true, v: true }),
      options.signal
    );
    const [volumes, networks] = await Promise.all([
      docker.listVolumes({ filters }),
      docker.listNetworks({ filters })
    ]);
    const [removedVolumes, removedNetworks] = await Promise.all([
      removeAll(
        volumes.Volumes ?? [],
        (v) => whenFree(() => docker.getVolume(v.Name).remove()),
        options.signal
      ),
      removeAll(networks, (n) => whenFree(() => docker.getNetwork(n.Id).remove()), options.signal)
    ]);
    forgetNetwork(options.session);
    return { containers: removedContainers, volumes: removedVolumes, networks: removedNetworks };
  } catch (error) {
    if (error instanceof PaddockError) throw error;
    throw new PaddockError("SANDBOX_FAILED", `prune failed: ${errorMessage(error)}`, { cause: error });
  }
}

export {
  LABEL,
  networkName,
  containerName,
  sandboxVolumeName,
  sharedVolumeName,
  labelFilter,
  bridgeIpOf,
  ensureNetwork,
  forgetNetwork,
  prune
};

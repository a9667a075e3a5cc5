import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  jsonText,
  table
} from "./chunk-TVY3EJEX.js";
import {
  formatEvent
} from "./chunk-4AY27MHB.js";

// src/cli/render.ts
function sandboxView(state, policy) {
  return {
    name: state.name,
    state: state.state,
    image: state.image,
    ip: state.ip,
    policy,
    user: state.user,
    id: state.id.slice(0, 12),
    run: state.run,
    session: state.session,
    ...state.attribution ? { attribution: state.attribution } : {},
    ...state.landlock ? { landlock: state.landlock } : {}
  };
}
function sandboxTable(views) {
  return table(
    ["NAME", "STATE", "IMAGE", "IP", "POLICY"],
    views.map((v) => [v.name, v.state, v.image, v.ip || "-", v.policy])
  );
}
function sandboxDetails(view) {
  const rows = [
    ["Name", view.name],
    ["Session", view.session],
    ["State", view.state],
    ["Image", view.image],
    ["IP", view.ip || "-"],
    ["User", view.user],
    ["Policy", view.policy],
    ["Container", view.id],
    ...view.attribution ? [["Attribution", view.attribution]] : [],
    ...view.landlock ? [["Landlock", landlockLine(view.landlock)]] : []
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`).join("\n") + "\n";
}
function landlockLine(l) {
  if (l.enforced) return `ABI ${l.abi}, enforced (${l.compatibility})`;
  return `not enforced: ${l.abi === 0 ? l.reason ?? "unavailable" : "no filesystem rules"} (${l.compatibility})`;
}
function renderEvents(events, format) {
  return events.map((e) => `${format === "json" ? jsonText(e) : `${e.time} ${formatEvent(e)}`}
`).join("");
}
function denialSummary(events, eventsFile) {
  const flagged = events.filter((e) => e.action !== "allow");
  if (flagged.length === 0) return "";
  const count = (action, what) => {
    const n = flagged.filter((e) => e.action === action).length;
    return n === 0 ? [] : [`${n} connection attempt${n === 1 ? "" : "s"} ${what}`];
  };
  const head = `paddock: ${[...count("deny", "denied"), ...count("audit", "audited (allowed; the policy would deny)")].join(", ")}`;
  if (eventsFile)
    return `${head}; events in ${eventsFile}; allow them with: paddock policy suggest --events ${eventsFile}
`;
  const groups = /* @__PURE__ */ new Map();
  for (const e of flagged) {
    const line = formatEvent({ ...e, pid: null });
    groups.set(line, (groups.get(line) ?? 0) + 1);
  }
  const lines = [...groups].map(([line, n]) => `  ${line}${n > 1 ? ` x${n}` : ""}`);
  const hint = "paddock: to allow them, rerun with --events FILE, then: paddock policy suggest --events FILE";
  return `${[`${head}:`, ...lines, hint].join("\n")}
`;
}

export {
  sandboxView,
  sandboxTable,
  sandboxDetails,
  renderEvents,
  denialSummary
};

import {
  azCommand,
  flexibleRequest,
  graphRequest,
  terraformBlock
} from "./chunk-MAHRS4HM.js";
import {
  isoTime,
  showClaim
} from "./chunk-G2IA36S4.js";
import "./chunk-F7M5GUK3.js";

// src/doctor/render.ts
function when(epochSeconds) {
  return epochSeconds === void 0 ? "(none)" : isoTime(epochSeconds * 1e3);
}
function shown(value) {
  return value === void 0 ? "(none)" : showClaim(value, "when-needed");
}
function aud(value) {
  return value === void 0 ? "(none)" : Array.isArray(value) ? value.map(shown).join(", ") : shown(value);
}
function table(rows, indent = "  ") {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map(
    (r) => `${indent}${r.map((cell, i) => i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd()
  ).join("\n");
}
var MARK = { equal: "ok", "matches-expression": "ok", "not-checked": "?" };
function renderDiagnosis(d, ctx) {
  const lines = [];
  lines.push(`CI token${d.provider === void 0 ? "" : ` (${d.provider})`}:`);
  const rows = [
    ["issuer", shown(d.claims.iss)],
    ["subject", shown(d.claims.sub)],
    ["audience", aud(d.claims.aud)],
    ["expires", `${when(d.claims.exp)}  ${d.time.explanation}`],
    ...Object.entries(d.subjectClaims).map(([k, v]) => [shown(k), shown(v)])
  ];
  lines.push(table(rows));
  if (d.observations.length > 0) {
    lines.push("", "Observations:");
    for (const o of d.observations) lines.push(`  - ${shown(o)}`);
  }
  if (!d.compared && d.ok) {
    lines.push(
      "",
      "No federated credentials to compare with (give --expect-subject/--expect-issuer/--expect-audience, --fic-file, or --graph-token-env)."
    );
  }
  for (const [i, c] of d.comparisons.entries()) {
    const title = c.fic.name === void 0 ? `expected values` : `FIC ${showClaim(c.fic.name)}`;
    lines.push("", `${i === 0 ? "Closest: " : ""}${title}: ${c.matches ? "MATCHES" : "does not match"}`);
    lines.push(table(c.checks.map((x) => [x.field, MARK[x.verdict] ?? "DIFF", x.verdict, `token: ${shown(x.token)}`])));
    for (const x of c.checks) {
      if (x.verdict !== "equal" && x.verdict !== "matches-expression")
        lines.push(
          `    ${x.field}: ${shown(x.explanation)}${x.aadsts === void 0 ? "" : ` (Entra: AADSTS${x.aadsts})`}`
        );
      if (x.verdict !== "equal" && x.verdict !== "matches-expression") lines.push(`      FIC holds: ${shown(x.fic)}`);
    }
    if (i >= 2 && d.comparisons.length > 3) {
      lines.push("", `(${d.comparisons.length - 3} more FICs differ further; --json lists all)`);
      break;
    }
  }
  const verdict = d.ok ? d.compared ? "Verdict: a federated credential matches this token." : "Verdict: the token is valid; nothing to compare it with." : d.time.verdict !== "valid" ? `Verdict: the token is not within its lifetime. ${d.time.explanation}` : "Verdict: no federated credential matches this token.";
  lines.push("", verdict);
  if (d.suggestion !== void 0 && (!d.ok || !d.compared)) {
    const s = d.suggestion;
    const id = ctx.clientId ?? "<client-id>";
    lines.push(
      "",
      s.replacesAudience === void 0 ? "The federated credential that matches this run:" : `The federated credential for this run, with the standard audience (request the CI token with ${s.audiences[0] ?? ""} too):`,
      "",
      "  Azure CLI:",
      `    ${azCommand(s, id)}`,
      "",
      "  Microsoft Graph:"
    );
    lines.push(
      graphRequest(s, id, ctx.cloud).split("\n").map((l) => `    ${l}`).join("\n")
    );
    lines.push(
      "",
      "  Terraform (azuread):",
      terraformBlock(s).split("\n").map((l) => `    ${l}`).join("\n")
    );
    const flexible = flexibleRequest(s, ctx.cloud);
    if (flexible !== void 0 && s.flexible !== void 0) {
      lines.push("", `  Or one flexible FIC for ${s.flexible.why} (preview; Graph beta or the portal only):`);
      lines.push(
        flexible.split("\n").map((l) => `    ${l}`).join("\n")
      );
    }
    if (s.caveat !== void 0) lines.push("", `  Note: ${shown(s.caveat)}`);
  }
  return `${lines.join("\n")}
`;
}
function md(value) {
  return shown(value).replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);
}
function diagnosisMarkdown(d, ctx) {
  const out = ["### Why the federated credential did not match", "", "| claim | value |", "|---|---|"];
  out.push(
    `| issuer | ${md(d.claims.iss ?? "(none)")} |`,
    `| subject | ${md(d.claims.sub ?? "(none)")} |`,
    `| audience | ${md(aud(d.claims.aud))} |`,
    `| expires | ${md(when(d.claims.exp))} (${md(d.time.verdict)}) |`
  );
  for (const [k, v] of Object.entries(d.subjectClaims)) out.push(`| ${md(k)} | ${md(v)} |`);
  const best = d.comparisons[0];
  if (best !== void 0) {
    out.push("", "| field | verdict | explanation |", "|---|---|---|");
    for (const x of best.checks) out.push(`| ${x.field} | ${md(x.verdict)} | ${md(x.explanation)} |`);
  }
  if (d.observations.length > 0) out.push("", ...d.observations.map((o) => `- ${md(o)}`));
  if (d.suggestion !== void 0) {
    out.push(
      "",
      d.suggestion.replacesAudience === void 0 ? "A federated credential that matches this run:" : `A federated credential for this run, with the standard audience ${md(d.suggestion.audiences[0] ?? "")} (request the CI token with it too):`,
      "",
      "```sh",
      azCommand(d.suggestion, ctx.clientId ?? "<client-id>"),
      "```"
    );
    if (d.suggestion.caveat !== void 0) out.push("", md(d.suggestion.caveat));
  }
  return `${out.join("\n")}
`;
}
export {
  diagnosisMarkdown,
  renderDiagnosis
};

import {
  quote
} from "./chunk-JMXU6O7H.js";
import {
  usageError
} from "./chunk-Y33T5NR3.js";
import {
  isoTime,
  shellQuote
} from "./chunk-5ICNF3XL.js";

// src/handoff/shell.ts
var ACCESS_TOKEN_VARIABLE = "AZURE_ACCESS_TOKEN";
var EXPIRES_ON_VARIABLE = "AZURE_ACCESS_TOKEN_EXPIRES_ON";
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function scopeVariable(scope) {
  let name = scope.replace(/\/\.default$/, "");
  const scheme = name.indexOf("://");
  if (scheme >= 0) name = name.slice(scheme + 3);
  name = name.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `${ACCESS_TOKEN_VARIABLE}_${name}`;
}
function scopeVariables(scopes) {
  const names = scopes.map((scope, i) => i === 0 ? ACCESS_TOKEN_VARIABLE : scopeVariable(scope));
  const reserved = /* @__PURE__ */ new Map([
    [EXPIRES_ON_VARIABLE, "the expiry"],
    [`${ACCESS_TOKEN_VARIABLE}_`, "no resource"]
  ]);
  names.forEach((name, i) => {
    const clash = reserved.get(name) ?? names.slice(0, i).indexOf(name);
    if (clash === -1) return;
    const what = typeof clash === "string" ? clash : `the scope ${quote(scopes[clash] ?? "")}`;
    throw usageError(
      "SCOPE_VARIABLE_CLASH",
      `The scope ${quote(scopes[i] ?? "")} would be exported as ${name}, which is already ${what}.`,
      "Give scopes of different resources (one per resource; each further scope becomes AZURE_ACCESS_TOKEN_<RESOURCE>).",
      "scope"
    );
  });
  return names;
}
function shellVariables(result, scopes, names) {
  const token = (scope) => {
    const found = result.tokens.find((t) => t.scope === scope);
    if (found === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return found;
  };
  const first = token(scopes[0] ?? "");
  const out = [
    { name: ACCESS_TOKEN_VARIABLE, value: first.accessToken, secret: true },
    { name: EXPIRES_ON_VARIABLE, value: isoTime(first.expiresOn), secret: false },
    { name: "AZURE_CLIENT_ID", value: result.clientId, secret: false },
    { name: "AZURE_TENANT_ID", value: result.tenantId, secret: false },
    { name: "AZURE_AUTHORITY_HOST", value: result.authorityHost, secret: false }
  ];
  scopes.slice(1).forEach((scope, i) => {
    out.push({ name: names[i + 1] ?? scopeVariable(scope), value: token(scope).accessToken, secret: true });
  });
  return out;
}
function exportLine(name, value) {
  if (!NAME.test(name)) throw new Error(`invalid variable name ${JSON.stringify(name)}`);
  return `export ${name}=${shellQuote(value)}
`;
}
function shellHandoff(scopes) {
  const names = scopeVariables(scopes);
  return {
    name: "shell",
    async export({ result }, sink) {
      const variables = shellVariables(result, scopes, names);
      for (const v of variables) if (v.secret) sink.mask(v.value);
      for (const v of variables) sink.setEnv(v.name, v.value);
      sink.info(`shell scripts: ${variables.map((v) => v.name).join(", ")}`);
      return { files: [] };
    }
  };
}

export {
  exportLine,
  shellHandoff
};

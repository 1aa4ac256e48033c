import {
  login
} from "./chunk-KKJBLYBX.js";
import {
  usageError
} from "./chunk-H7K5LTQY.js";

// src/handoff/run.ts
async function runHandoffs(handoffs, context, sink, onCleanup) {
  const exported = /* @__PURE__ */ new Map();
  const endpoint = {};
  const recording = {
    setEnv: (name, value) => {
      sink.setEnv(name, value);
      exported.set(name, value);
    },
    mask: (value) => sink.mask(value),
    tempDir: sink.tempDir,
    run: (argv, opts) => sink.run(argv, opts),
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message),
    renewal: (entry) => sink.renewal?.(entry)
  };
  const accessToken = (scope) => {
    const token = context.result.tokens.find((t) => t.scope === scope);
    if (token === void 0) throw new Error(`no token for ${scope} in the login's result`);
    return token;
  };
  for (const handoff of handoffs) {
    const cleanup = await handoff.export({ ...context, exported, accessToken, endpoint }, recording);
    onCleanup(cleanup);
  }
}
function noIdToken(credential) {
  return () => Promise.reject(
    usageError(
      "NO_CI_TOKEN_TO_EXPORT",
      `This login used a ${credential === "managed-identity" ? "managed identity" : credential}, so there is no CI token to hand on.`,
      "The env, terraform, kubelogin and az exports pass a CI token on: sign in with the CI's OIDC token, or export only git, acr:<registry> or identity-endpoint.",
      "export"
    )
  );
}

// src/entry/shared/sign-in.ts
async function signIn(request, deps) {
  const result = await guardedLogin(request.options, request.credential, request.guard, deps);
  await request.onSignedIn?.(result);
  const plan = request.handoffs;
  if (plan !== void 0 && plan.handoffs.length > 0) await handOff(result, request.credential, plan, deps);
  return result;
}
async function guardedLogin(options, credential, guard, deps) {
  if (guard?.policyPath === void 0 && guard?.policy === void 0 && guard?.auditLogPath === void 0)
    return login(options, credential.source, { http: deps.http });
  const { loginWithGuardFiles } = await import("./trail-HSH23NYJ.js");
  return loginWithGuardFiles(options, credential.source, deps.http, {
    policyPath: guard.policyPath,
    policy: guard.policy,
    auditLogPath: guard.auditLogPath,
    summaryPath: guard.summaryPath,
    provider: credential.origin ?? credential.provider?.name ?? credential.source.kind,
    ci: credential.provider?.context(),
    now: () => deps.now()
  });
}
async function handOff(result, credential, plan, deps) {
  const source = credential.source;
  const federated = source.kind === "federated" ? source : void 0;
  const idToken = plan.idToken ?? (federated === void 0 ? noIdToken(source.kind) : async (audience) => {
    const token = await federated.idToken(audience);
    plan.sink.mask(token);
    return token;
  });
  const done = [];
  try {
    await runHandoffsOf(plan, result, idToken, credential, deps, done);
  } catch (err) {
    await rollBack(done, plan, deps.env);
    throw err;
  }
}
async function rollBack(done, plan, env) {
  const log = { info: () => void 0, debug: () => void 0, warn: (message) => plan.sink.warn(message) };
  const { performCleanup } = await import("./cleanup-43GFB3IW.js");
  for (const cleanup of [...done].reverse()) {
    try {
      await performCleanup(cleanup, env, log);
    } catch {
    }
  }
  plan.onRollback?.();
  plan.sink.warn("a hand-off failed, so what this login had exported was rolled back.");
}
async function runHandoffsOf(plan, result, idToken, credential, deps, done) {
  const source = credential.source;
  const federated = source.kind === "federated" ? source : void 0;
  await runHandoffs(
    plan.handoffs,
    {
      result,
      idToken,
      ...plan.subscriptionId === void 0 ? {} : { subscriptionId: plan.subscriptionId },
      env: deps.env,
      ...federated !== void 0 && credential.provider !== void 0 ? { provider: credential.provider.name } : {},
      http: deps.http,
      ...plan.identity === void 0 ? {} : { identity: plan.identity }
    },
    plan.sink,
    (cleanup) => {
      done.push(cleanup);
      plan.onCleanup(cleanup);
    }
  );
}

export {
  signIn,
  guardedLogin
};

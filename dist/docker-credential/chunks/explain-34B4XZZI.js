import {
  diagnose
} from "./chunk-M4TQYJQC.js";
import "./chunk-34Z7CBK4.js";
import "./chunk-BQTLZMAU.js";
import "./chunk-JMXU6O7H.js";
import "./chunk-Y33T5NR3.js";
import "./chunk-5ICNF3XL.js";
import "./chunk-NBRUGERP.js";

// src/doctor/explain.ts
var EXPLAINABLE_AADSTS = /* @__PURE__ */ new Set([70021, 700211, 700212, 700213, 7002138, 70025, 700024]);
function explainFailure(err, ctx) {
  if (err.aadsts === void 0 || !EXPLAINABLE_AADSTS.has(err.aadsts) || err.claims === void 0) return void 0;
  const d = diagnose(err.claims, ctx.fics ?? [], { now: ctx.now, audience: ctx.audience, cloud: ctx.cloud });
  d.ok = false;
  return d;
}
function failureReading(err, now) {
  const request = err.request;
  if (request === void 0) return void 0;
  const diagnosis = explainFailure(err, { cloud: request.cloud, audience: request.audience, now });
  return diagnosis === void 0 ? void 0 : { diagnosis, ctx: { cloud: request.cloud, clientId: request.clientId } };
}
export {
  EXPLAINABLE_AADSTS,
  explainFailure,
  failureReading
};

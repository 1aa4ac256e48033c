import {
  diagnose
} from "./chunk-5VLJFHIV.js";
import "./chunk-OSSP5VWG.js";
import "./chunk-DXLEYKMA.js";
import "./chunk-6I7DYRWY.js";
import "./chunk-H7K5LTQY.js";
import "./chunk-3XWB6HIK.js";
import "./chunk-Z53PL5H4.js";

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

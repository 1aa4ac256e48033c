// src/core/errors.ts
var FederationError = class extends Error {
  name = "FederationError";
  code;
  remedy;
  usage;
  aadsts;
  oauthError;
  traceId;
  correlationId;
  timestamp;
  status;
  field;
  expected;
  actual;
  scope;
  presented;
  claims;
  request;
  constructor(code, message, details) {
    super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
    this.code = code;
    this.remedy = details.remedy;
    this.usage = details.usage ?? false;
    const optional = [
      "aadsts",
      "oauthError",
      "traceId",
      "correlationId",
      "timestamp",
      "status",
      "field",
      "expected",
      "actual",
      "presented",
      "claims",
      "request",
      "scope"
    ];
    for (const key of optional) {
      const value = details[key];
      if (value !== void 0) Object.assign(this, { [key]: value });
    }
  }
  /** A plain object for `--json` output and audit records. */
  toJSON() {
    const out = { code: this.code, message: this.message, remedy: this.remedy };
    for (const key of [
      "aadsts",
      "oauthError",
      "traceId",
      "correlationId",
      "timestamp",
      "status",
      "field",
      "expected",
      "actual",
      "presented",
      "scope"
    ]) {
      if (this[key] !== void 0) out[key] = this[key];
    }
    return out;
  }
};
function usageError(code, message, remedy, field) {
  return new FederationError(code, message, { remedy, usage: true, ...field === void 0 ? {} : { field } });
}

export {
  FederationError,
  usageError
};

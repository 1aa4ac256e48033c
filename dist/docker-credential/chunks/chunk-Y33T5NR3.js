// src/core/errors.ts
var FederationError = class _FederationError extends Error {
  name = "FederationError";
  code;
  remedy;
  /** The user's input or environment is wrong: exit 2, and nothing was sent. */
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
    this.usage = details.usage === true;
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
  /**
   * The same error told again: in other words (a plugin names settings where the CLI names
   * flags), or as another process reported it. Its code and usage were checked when it was made.
   */
  static restate(original, message, details) {
    const make = _FederationError;
    return new make(original.code, message, { ...details, usage: original.usage });
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

/**
 * One small client for the two services `setup` talks to, Microsoft Graph and Azure Resource
 * Manager: JSON in and out, the user's bearer token, retries only where they are safe, and
 * every refusal turned into a FederationError that names what to change. Errors are shaped
 * `{ "error": { "code", "message" } }` by both services
 * (https://learn.microsoft.com/graph/errors, https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors).
 */
import { FederationError } from '../core/errors.js';
import type { Clock, HttpClient, HttpRequest, HttpResponse } from '../core/http.js';
import { classifyStatus, fetchWithRetry } from '../core/http.js';
import { redact } from '../core/redact.js';
import { collapseControlCharacters } from '../core/text.js';

export type ServiceName = 'graph' | 'arm';

export const SERVICE_TITLE: Record<ServiceName, string> = {
  graph: 'Microsoft Graph',
  arm: 'Azure Resource Manager',
};

export interface ServiceToken {
  /** Fetched once, when the first request needs it. */
  get(): Promise<string>;
  /** Where it came from, for messages: "the variable GRAPH_TOKEN", "az account get-access-token ...". */
  origin: string;
  /** How to get a fresh one, for a 401's remedy. */
  howToRenew: string;
}

export interface CallOptions {
  /** What the request does, for messages: "create the application". */
  what: string;
  /** The permission a 403 means is missing, named in the message. */
  permission: string;
  /** Statuses that are an answer, not a failure (e.g. 404 for "not there yet"). */
  accept?: readonly number[];
  /**
   * The object this request names was created moments ago: Graph and ARM replicate with a delay
   * (https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors), so a
   * not-found answer is retried for a while instead of believed.
   */
  justCreated?: boolean;
}

export interface ServiceAnswer {
  status: number;
  json: unknown;
}

export interface ServiceClientOptions {
  http: HttpClient;
  clock?: Clock;
  timeoutMs: number;
}

/** The service's own error code and message (Graph and ARM both answer `{ error: { code, message } }`). */
function errorOf(body: string): { serviceCode: string; message: string } {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    return { serviceCode: String(error?.code ?? ''), message: String(error?.message ?? '') };
  } catch {
    return { serviceCode: '', message: '' };
  }
}

/** Replication delay: the object exists but this replica has not seen it yet. */
function notReplicatedYet(res: HttpResponse): boolean {
  if (res.status === 404) return true;
  if (res.status !== 400) return false;
  const { serviceCode, message } = errorOf(res.body);
  return serviceCode === 'PrincipalNotFound' || /does not reference a valid application object/i.test(message);
}

/** A POST that creates something is retried only when it cannot have been carried out (429). */
function classifyCreate(res: HttpResponse): 'retry' | 'final' {
  return res.status === 429 ? 'retry' : 'final';
}

export class ServiceClient {
  constructor(
    readonly service: ServiceName,
    private readonly token: ServiceToken,
    private readonly opts: ServiceClientOptions,
  ) {}

  async send(method: HttpRequest['method'], url: string, body: unknown, call: CallOptions): Promise<ServiceAnswer> {
    const token = await this.token.get();
    const title = SERVICE_TITLE[this.service];
    const classify = (res: HttpResponse) => {
      if (call.justCreated === true && notReplicatedYet(res)) return 'retry';
      return method === 'POST' ? classifyCreate(res) : classifyStatus(res);
    };
    const { response } = await fetchWithRetry(
      this.opts.http,
      () => ({
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      {
        deadlineAt: (this.opts.clock?.now() ?? Date.now()) + this.opts.timeoutMs,
        what: title,
        classify,
        maxAttempts: call.justCreated === true ? 7 : 4,
        ...(this.opts.clock === undefined ? {} : { clock: this.opts.clock }),
      },
    );
    if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) {
      let json: unknown;
      try {
        json = response.body === '' ? undefined : JSON.parse(response.body);
      } catch {
        json = undefined;
      }
      return { status: response.status, json };
    }
    throw this.failure(response, token, call);
  }

  private failure(response: HttpResponse, token: string, call: CallOptions): FederationError {
    const title = SERVICE_TITLE[this.service];
    const { serviceCode, message } = errorOf(response.body);
    const said = collapseControlCharacters(redact(message, [token]), ' ').slice(0, 300);
    const shown = `HTTP ${response.status}${serviceCode === '' ? '' : ` ${printable(serviceCode)}`}${said === '' ? '' : `: ${said}`}`;
    const graph = this.service === 'graph';
    if (response.status === 401)
      return new FederationError(
        graph ? 'GRAPH_TOKEN_REJECTED' : 'ARM_TOKEN_REJECTED',
        `${title} refused the token from ${this.token.origin} (${shown}).`,
        {
          remedy: `The token is expired or for another resource: ${this.token.howToRenew}`,
          status: 401,
        },
      );
    if (response.status === 403)
      return new FederationError(
        graph ? 'GRAPH_FORBIDDEN' : 'ARM_FORBIDDEN',
        `${title} refused to ${call.what} (${shown}).`,
        {
          remedy: `The signed-in identity needs ${call.permission}; ask an administrator to grant it, then run the same command again.`,
          status: 403,
        },
      );
    return new FederationError(
      graph ? 'GRAPH_REQUEST_FAILED' : 'ARM_REQUEST_FAILED',
      `${title} could not ${call.what} (${shown}).`,
      {
        remedy:
          response.status >= 500 || response.status === 429
            ? 'The service is busy or failing; run the same command again in a minute: it continues where it stopped.'
            : 'Check the values given; run with --dry-run to see each request.',
        status: response.status,
      },
    );
  }
}

function printable(code: string): string {
  return code.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 80);
}

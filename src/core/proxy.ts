/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY for every outbound request, as curl and most CI tools
 * read them: https targets tunnel through CONNECT (the proxy never sees the token request),
 * http targets go to the proxy in absolute form. Loopback targets never use a proxy: no proxy
 * can reach this machine's loopback, and the sandbox lives there.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { AgentOptions, ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions } from 'node:tls';
import { usageError } from './errors.js';

export interface ProxyConfig {
  httpsProxy?: URL;
  httpProxy?: URL;
  noProxy: string[];
}

function pick(vars: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = vars[name.toLowerCase()] ?? vars[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseProxyUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw usageError(
      'INVALID_PROXY',
      `${name} is not a URL.`,
      `Set ${name} to the proxy's URL, e.g. http://proxy.example.com:3128.`,
      name,
    );
  }
  if (url.protocol !== 'http:') {
    throw usageError(
      'INVALID_PROXY',
      `${name} uses ${url.protocol.replace(':', '')}; only http:// proxies (with CONNECT for https targets) are supported.`,
      `Set ${name} to an http:// proxy URL.`,
      name,
    );
  }
  return url;
}

/** Reads the proxy variables (either case, lower case first, as curl does). */
export function proxyConfigFrom(vars: Readonly<Record<string, string | undefined>>): ProxyConfig | undefined {
  const https = pick(vars, 'https_proxy');
  const http = pick(vars, 'http_proxy');
  if (https === undefined && http === undefined) return undefined;
  const config: ProxyConfig = {
    noProxy: (pick(vars, 'no_proxy') ?? '')
      .split(/[\s,]+/)
      .filter((s) => s !== '')
      .map((s) => s.toLowerCase()),
  };
  if (https !== undefined) config.httpsProxy = parseProxyUrl(https, 'HTTPS_PROXY');
  if (http !== undefined) config.httpProxy = parseProxyUrl(http, 'HTTP_PROXY');
  return config;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** NO_PROXY entries: `*`, a host, a domain suffix (`.example.com` or `example.com`), with an optional port. */
export function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return true;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\]$/g, ''));
    const name = (m?.[1] ?? '').replace(/^\*?\./, '');
    if (m?.[2] !== undefined && m[2] !== port) return false;
    return name !== '' && (host === name || host.endsWith(`.${name}`));
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** An https agent whose connections are CONNECT tunnels through the proxy. */
class TunnelAgent extends HttpsAgent {
  constructor(
    private readonly proxy: URL,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): undefined {
    const host = options.host ?? options.hostname ?? 'localhost';
    const port = Number(options.port ?? 443);
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const connectRequest = httpRequest({
      host: this.proxy.hostname,
      port: Number(this.proxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...proxyAuthorization(this.proxy) },
    });
    // Node's Agent accepts a connection handed over later through the callback.
    const done = (err: Error | null, socket?: Duplex): void => {
      callback?.(err, socket as Duplex);
    };
    connectRequest.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(
          Object.assign(
            new Error(`the proxy ${this.proxy.host} refused to tunnel to ${target} (HTTP ${res.statusCode})`),
            { code: res.statusCode === 407 ? 'EPROXYAUTH' : 'ECONNREFUSED' },
          ),
        );
        return;
      }
      const tlsOptions = options as ConnectionOptions;
      const tls = tlsConnect({
        socket,
        servername: tlsOptions.servername ?? host,
        ...(tlsOptions.ca === undefined ? {} : { ca: tlsOptions.ca }),
        ...(tlsOptions.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: tlsOptions.rejectUnauthorized }),
      });
      tls.once('secureConnect', () => done(null, tls));
      tls.once('error', (err) => done(err));
    });
    connectRequest.once('error', (err) =>
      done(
        Object.assign(new Error(`cannot reach the proxy ${this.proxy.host}: ${err.message}`), {
          code: (err as { code?: string }).code ?? 'ECONNREFUSED',
        }),
      ),
    );
    connectRequest.end();
    return undefined;
  }
}

/** For http targets: requests go to the proxy, which forwards them (absolute-form request line). */
class ForwardAgent extends HttpAgent {
  constructor(
    readonly proxy: URL,
    options: AgentOptions,
  ) {
    super(options);
  }
}

export interface ProxyRoute {
  agent: HttpAgent;
  /** For http targets through a proxy: where to connect and what to put on the request line. */
  forward?: { host: string; port: number; path: string; headers: Record<string, string> };
}

/** Chooses how to reach a URL; undefined means directly. Agents are made once per proxy. */
export function createProxyRouter(config: ProxyConfig): (url: URL) => ProxyRoute | undefined {
  const tunnels = new Map<string, TunnelAgent>();
  const forwards = new Map<string, ForwardAgent>();
  return (url) => {
    if (bypassesProxy(url, config.noProxy)) return undefined;
    if (url.protocol === 'https:') {
      const proxy = config.httpsProxy ?? config.httpProxy;
      if (proxy === undefined) return undefined;
      let agent = tunnels.get(proxy.href);
      if (agent === undefined) {
        agent = new TunnelAgent(proxy, { keepAlive: false });
        tunnels.set(proxy.href, agent);
      }
      return { agent };
    }
    const proxy = config.httpProxy;
    if (proxy === undefined) return undefined;
    let agent = forwards.get(proxy.href);
    if (agent === undefined) {
      agent = new ForwardAgent(proxy, { keepAlive: false });
      forwards.set(proxy.href, agent);
    }
    return {
      agent,
      forward: {
        host: proxy.hostname,
        port: Number(proxy.port || 80),
        path: url.href,
        headers: proxyAuthorization(proxy),
      },
    };
  };
}

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY for every outbound request, as curl and most CI tools
 * read them: https targets tunnel through CONNECT (the proxy never sees the token request),
 * http targets go to the proxy in absolute form. Loopback targets never use a proxy: no proxy
 * can reach this machine's loopback, and the sandbox lives there.
 */
import { Agent as HttpAgent } from 'node:http';
export interface ProxyConfig {
    httpsProxy?: URL;
    httpProxy?: URL;
    noProxy: string[];
}
/** Reads the proxy variables (either case, lower case first, as curl does). */
export declare function proxyConfigFrom(vars: Readonly<Record<string, string | undefined>>): ProxyConfig | undefined;
/** NO_PROXY entries: `*`, a host, a domain suffix (`.example.com` or `example.com`), with an optional port. */
export declare function bypassesProxy(url: URL, noProxy: readonly string[]): boolean;
export interface ProxyRoute {
    agent: HttpAgent;
    /** For http targets through a proxy: where to connect and what to put on the request line. */
    forward?: {
        host: string;
        port: number;
        path: string;
        headers: Record<string, string>;
    };
}
/** Chooses how to reach a URL; undefined means directly. Agents are made once per proxy. */
export declare function createProxyRouter(config: ProxyConfig): (url: URL) => ProxyRoute | undefined;

// The resources (APIs) the sandbox's tenant has a service principal for. A client-credentials
// request for any other resource fails as Entra's does, with AADSTS500011:
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
import type { DirectoryApp } from './directory.js';

/**
 * The usual Azure resources, by application ID URI for every cloud, by the app id GUIDs that
 * clients also use as resource names, and by host pattern where one service principal
 * answers for every account (storage accounts, Cosmos DB accounts, Data Explorer clusters).
 */
export const DEFAULT_RESOURCES: readonly string[] = [
  // Azure Resource Manager (and its classic name), every cloud; the app id GUID.
  'https://management.azure.com',
  'https://management.core.windows.net',
  'https://management.usgovcloudapi.net',
  'https://management.core.usgovcloudapi.net',
  'https://management.chinacloudapi.cn',
  'https://management.core.chinacloudapi.cn',
  '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  // Microsoft Graph, every cloud, and Azure AD Graph.
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
  '00000003-0000-0000-c000-000000000000',
  'https://graph.windows.net',
  '00000002-0000-0000-c000-000000000000',
  // Key Vault and Managed HSM.
  'https://vault.azure.net',
  'https://vault.usgovcloudapi.net',
  'https://vault.azure.cn',
  'https://managedhsm.azure.net',
  'cfa8b339-82a2-471a-a3c9-0fc0be7a4093',
  // Storage: the common resource and any account endpoint.
  'https://storage.azure.com',
  'e406a681-f3d4-42a8-90b6-c2b029497af1',
  'https://*.blob.core.windows.net',
  'https://*.queue.core.windows.net',
  'https://*.table.core.windows.net',
  'https://*.file.core.windows.net',
  'https://*.dfs.core.windows.net',
  'https://*.blob.core.usgovcloudapi.net',
  'https://*.blob.core.chinacloudapi.cn',
  // Container Registry, Kubernetes (the AKS Entra server app), Azure DevOps.
  'https://containerregistry.azure.net',
  '6dae42f8-4368-4678-94ff-3960e28e3630',
  '499b84ac-1321-427f-aa17-267ca6975798',
  'https://app.vssps.visualstudio.com',
  // Databases: Azure SQL, PostgreSQL/MySQL, Cosmos DB, Redis, Data Explorer.
  'https://database.windows.net',
  'https://database.usgovcloudapi.net',
  'https://database.chinacloudapi.cn',
  '022907d3-0f1b-48f7-badc-1ba6abab6d66',
  'https://ossrdbms-aad.database.windows.net',
  'https://cosmos.azure.com',
  'https://*.documents.azure.com',
  'https://redis.azure.com',
  'https://kusto.kusto.windows.net',
  'https://*.kusto.windows.net',
  // Messaging and events.
  'https://servicebus.azure.net',
  'https://eventhubs.azure.net',
  'https://eventgrid.azure.net',
  // Monitoring, configuration, AI and the rest.
  'https://api.loganalytics.io',
  'https://monitor.azure.com',
  'https://azconfig.io',
  'https://cognitiveservices.azure.com',
  'https://ai.azure.com',
  'https://search.azure.com',
  'https://batch.core.windows.net',
  'https://dev.azuresynapse.net',
  'https://datalake.azure.net',
  'https://digitaltwins.azure.net',
  'https://atlas.microsoft.com',
  'https://analysis.windows.net/powerbi/api',
];

function normalize(resource: string): string {
  return resource.replace(/\/+$/, '').toLowerCase();
}

function patternMatches(pattern: string, resource: string): boolean {
  if (!pattern.includes('*')) return pattern === resource;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9-]+');
  return new RegExp(`^${source}$`).test(resource);
}

export class KnownResources {
  private readonly patterns: string[];

  constructor(extra: readonly string[]) {
    this.patterns = [...DEFAULT_RESOURCES, ...extra].map(normalize);
  }

  add(resource: string): void {
    this.patterns.push(normalize(resource));
  }

  /** Known by URI or pattern, or an app of the tenant by client id, `api://{client id}` or an identifier URI. */
  knows(resource: string, apps: readonly DirectoryApp[]): boolean {
    const wanted = normalize(resource);
    if (this.patterns.some((p) => patternMatches(p, wanted))) return true;
    return apps.some(
      (app) =>
        app.clientId.toLowerCase() === wanted ||
        `api://${app.clientId.toLowerCase()}` === wanted ||
        app.identifierUris.some((uri) => normalize(uri) === wanted),
    );
  }
}

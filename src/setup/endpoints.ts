/**
 * Where `setup` sends its requests and which resource its tokens are for, per cloud
 * (https://learn.microsoft.com/graph/deployments#microsoft-graph-and-graph-explorer-service-root-endpoints,
 * https://learn.microsoft.com/azure/azure-government/compare-azure-government-global-azure,
 * https://learn.microsoft.com/azure/china/resources-developer-guide). --graph-endpoint and
 * --arm-endpoint move the requests (the sandbox, a private link) but not the token's resource.
 */
import type { CloudName } from '../core/options.js';
import { validateServiceUrl } from '../core/options.js';
import { graphHost } from '../doctor/suggest.js';

const ARM_HOSTS: Record<CloudName, string> = {
  AzureCloud: 'https://management.azure.com',
  AzureUSGovernment: 'https://management.usgovcloudapi.net',
  AzureChinaCloud: 'https://management.chinacloudapi.cn',
};

export interface Endpoints {
  /** Request bases, without a trailing slash. */
  graph: string;
  arm: string;
  /** The resources the user's tokens must be for (`az account get-access-token --resource`). */
  graphResource: string;
  armResource: string;
}

export function endpointsFor(cloud: CloudName, graphOverride?: string, armOverride?: string): Endpoints {
  return {
    graph:
      graphOverride === undefined
        ? graphHost(cloud)
        : validateServiceUrl(graphOverride, 'graph-endpoint', 'Graph endpoint', 'https://graph.microsoft.com'),
    arm:
      armOverride === undefined
        ? ARM_HOSTS[cloud]
        : validateServiceUrl(armOverride, 'arm-endpoint', 'ARM endpoint', 'https://management.azure.com'),
    graphResource: graphHost(cloud),
    armResource: ARM_HOSTS[cloud],
  };
}

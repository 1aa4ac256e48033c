// The Azure built-in roles the sandbox's ARM subset knows, with their real, well-known role
// definition GUIDs and permissions, as Microsoft publishes them:
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles

export interface RolePermissions {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface BuiltInRole {
  /** The role definition GUID, the same in every tenant and cloud. */
  id: string;
  roleName: string;
  description: string;
  permissions: RolePermissions;
}

const KEY_VAULT_RBAC = "Only works for key vaults that use the 'Azure role-based access control' permission model.";
const KEY_VAULT_READS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];
const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices';

function role(id: string, roleName: string, description: string, permissions: Partial<RolePermissions>): BuiltInRole {
  return {
    id,
    roleName,
    description,
    permissions: { actions: [], notActions: [], dataActions: [], notDataActions: [], ...permissions },
  };
}

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  role(
    '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    'Owner',
    'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    { actions: ['*'] },
  ),
  role(
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    {
      actions: ['*'],
      notActions: [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
        'Microsoft.Purview/consents/write',
        'Microsoft.Purview/consents/delete',
        'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
        'Microsoft.Subscription/cancel/action',
        'Microsoft.Subscription/enable/action',
      ],
    },
  ),
  role(
    'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    'Reader',
    'View all resources, but does not allow you to make any changes.',
    { actions: ['*/read'] },
  ),
  role(
    '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'User Access Administrator',
    'Lets you manage user access to Azure resources.',
    { actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'] },
  ),
  role(
    'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    'Role Based Access Control Administrator',
    'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    {
      actions: [
        'Microsoft.Authorization/roleAssignments/write',
        'Microsoft.Authorization/roleAssignments/delete',
        '*/read',
        'Microsoft.Support/*',
      ],
    },
  ),
  role('4633458b-17de-408a-b874-0445c86b69e6', 'Key Vault Secrets User', `Read secret contents. ${KEY_VAULT_RBAC}`, {
    dataActions: [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
  }),
  role(
    '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    'Key Vault Administrator',
    `Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. ${KEY_VAULT_RBAC}`,
    { actions: KEY_VAULT_READS, dataActions: ['Microsoft.KeyVault/vaults/*'] },
  ),
  role(
    'a4417e6f-fecd-4de8-b567-7b0420556985',
    'Key Vault Certificates Officer',
    `Perform any action on the certificates of a key vault, except manage permissions. ${KEY_VAULT_RBAC}`,
    {
      actions: KEY_VAULT_READS,
      dataActions: [
        'Microsoft.KeyVault/vaults/certificatecas/*',
        'Microsoft.KeyVault/vaults/certificates/*',
        'Microsoft.KeyVault/vaults/certificatecontacts/write',
      ],
    },
  ),
  role(
    'f25e0fa2-a7c8-4377-a976-54943a77a395',
    'Key Vault Contributor',
    'Lets you manage key vaults, but not access to them.',
    {
      actions: [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.KeyVault/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
      ],
      notActions: [
        'Microsoft.KeyVault/locations/deletedVaults/purge/action',
        'Microsoft.KeyVault/hsmPools/*',
        'Microsoft.KeyVault/managedHsms/*',
      ],
    },
  ),
  role(
    '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
    'Key Vault Crypto Officer',
    `Perform any action on the keys of a key vault, except manage permissions. ${KEY_VAULT_RBAC}`,
    {
      actions: KEY_VAULT_READS,
      dataActions: ['Microsoft.KeyVault/vaults/keys/*', 'Microsoft.KeyVault/vaults/keyrotationpolicies/*'],
    },
  ),
  role(
    'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    'Storage Blob Data Contributor',
    'Allows for read, write and delete access to Azure Storage blob containers and data',
    {
      actions: [
        `${BLOBS}/containers/delete`,
        `${BLOBS}/containers/read`,
        `${BLOBS}/containers/write`,
        `${BLOBS}/generateUserDelegationKey/action`,
      ],
      dataActions: [
        `${BLOBS}/containers/blobs/delete`,
        `${BLOBS}/containers/blobs/read`,
        `${BLOBS}/containers/blobs/move/action`,
        `${BLOBS}/containers/blobs/write`,
      ],
    },
  ),
  role(
    '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    'Storage Blob Data Reader',
    'Allows for read access to Azure Storage blob containers and data',
    {
      actions: [`${BLOBS}/containers/read`, `${BLOBS}/generateUserDelegationKey/action`],
      dataActions: [`${BLOBS}/containers/blobs/read`],
    },
  ),
  role('8311e382-0749-4cb8-b61a-304f252e45ec', 'AcrPush', 'acr push', {
    actions: ['Microsoft.ContainerRegistry/registries/pull/read', 'Microsoft.ContainerRegistry/registries/push/write'],
  }),
  role('7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull', 'acr pull', {
    actions: ['Microsoft.ContainerRegistry/registries/pull/read'],
  }),
  role(
    '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
    'Azure Kubernetes Service Cluster User Role',
    'List cluster user credential action.',
    {
      actions: [
        'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
        'Microsoft.ContainerService/managedClusters/read',
      ],
    },
  ),
  role(
    'de139f84-1756-47ae-9be6-808fbbe84772',
    'Website Contributor',
    'Lets you manage websites (not web plans), but not access to them.',
    {
      actions: [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.Insights/components/*',
        'Microsoft.ResourceHealth/availabilityStatuses/read',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
        'Microsoft.Web/certificates/*',
        'Microsoft.Web/listSitesAssignedToHostName/read',
        'Microsoft.Web/serverFarms/join/action',
        'Microsoft.Web/serverFarms/read',
        'Microsoft.Web/sites/*',
      ],
    },
  ),
];

/** By GUID (case-insensitive). */
export function builtInRole(id: string): BuiltInRole | undefined {
  const lower = id.toLowerCase();
  return BUILT_IN_ROLES.find((r) => r.id === lower);
}

/** By display name, compared case-insensitively as ARM's roleName filter does. */
export function builtInRoleNamed(name: string): BuiltInRole | undefined {
  const lower = name.toLowerCase();
  return BUILT_IN_ROLES.find((r) => r.roleName.toLowerCase() === lower);
}

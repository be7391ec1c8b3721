targetScope = 'subscription'

// Confer on Azure, for `azd up` (docs/deploy.md). Azure Verified Modules from the public Bicep
// registry. The API runs as a user-assigned managed identity that reaches PostgreSQL (Entra
// authentication only) as a member of confer_app, Blob Storage (no shared keys), Communication
// Services, Key Vault and the container registry; its two secrets are Key Vault references. A
// second identity, PostgreSQL's Entra administrator and owner of the schema, is used by the
// migration job alone (README, Database roles). Every production setting of the
// README is set on the container app (and its jobs) here and written back to azd as an output.

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name.')
param environmentName string

@minLength(1)
@description('Azure region of the resources (Communication Services and its email are global).')
param location string

@minLength(36)
@maxLength(36)
@description('ENTRA_CLIENT_ID: the staff app\'s Entra app registration (docs/deploy.md).')
param entraClientId string

@minLength(1)
@description('ENTRA_API_AUDIENCE: the audience of access tokens for the API (Application ID URI or client id).')
param entraApiAudience string

@description('ENTRA_ALLOWED_TENANT_IDS: comma-separated tenant ids of the firms allowed to sign in; empty: this subscription\'s tenant.')
param entraAllowedTenantIds string = ''

@secure()
@minLength(44)
@maxLength(44)
@description('CONFER_SEAL_KEY: 32 random bytes, base64, made once by infra/hooks/ensure-secrets.mjs. Kept in Key Vault.')
param sealKey string

@secure()
@minLength(32)
@description('ACS_WEBHOOK_SECRET: made once by infra/hooks/ensure-secrets.mjs. Kept in Key Vault; Event Grid deliveries carry it.')
param acsWebhookSecret string

@description('ACS_SMS_SENDER: the deployment-default SMS number (E.164) bought for the Communication Services resource, or empty.')
param acsSmsSender string = ''

@description('Where Communication Services keeps its data at rest (e.g. Europe, UK, United States).')
param acsDataLocation string = 'Europe'

@description('AZURE_OPENAI_ENDPOINT: tone help\'s Azure OpenAI resource (https://<name>.openai.azure.com), or empty: tone help off. Grant the API identity "Cognitive Services OpenAI User" on it.')
param azureOpenAiEndpoint string = ''

@description('AZURE_OPENAI_DEPLOYMENT: the chat model deployment tone help uses (e.g. gpt-4o-mini); empty with the endpoint.')
param azureOpenAiDeployment string = ''

@description('CLIENT_COUNTRY_HEADER: a request header a CDN in front of Confer fills with the client\'s country (e.g. Azure Front Door rule setting X-Client-Country); empty: the country comes from the client address (Container Apps ingress adds no such header).')
param clientCountryHeader string = ''

@description('PUBLIC_BASE_URL when users reach Confer on a custom domain; empty: the container app\'s own https address.')
param publicBaseUrl string = ''

@description('Whether the api container app exists (azd: SERVICE_API_RESOURCE_EXISTS). Then re-provisioning keeps its deployed image, and Event Grid is subscribed to its webhook (the subscription handshake needs the real API).')
param apiExists bool = false

@minValue(1)
@description('Replicas of the API that always run (2: a restart or an update never stops it).')
param apiMinReplicas int = 2

@minValue(1)
@description('At most this many replicas under load (HTTP scale rule).')
param apiMaxReplicas int = 10

@minValue(7)
@maxValue(35)
@description('Days of point-in-time restore for PostgreSQL.')
param postgresBackupRetentionDays int = 7

@allowed([
  'Disabled'
  'Enabled'
])
@description('Geo-redundant PostgreSQL backups (restore into another region); costs more.')
param postgresGeoRedundantBackup string = 'Disabled'

@description('Key Vault purge protection: a deleted vault (and the seal key) stays recoverable for 90 days, and its name stays taken.')
param keyVaultPurgeProtection bool = true

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var apiAppName = '${abbrs.appContainerApps}api-${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var blobContainerName = 'confer'
var deadLetterContainerName = 'eventgrid-deadletter'
var databaseName = 'confer'
var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

// built-in role definition ids
var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// ---------- identities ----------

module apiIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.6.0' = {
  name: 'api-identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

// PostgreSQL's Entra administrator: owns the schema, and is the migration job's database identity
// only. It creates the API's identity as a database principal in confer_app (DATABASE_APP_PRINCIPAL).
module databaseOwnerIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.6.0' = {
  name: 'database-owner-identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}dbowner-${resourceToken}'
    location: location
    tags: tags
  }
}

// Event Grid writes undeliverable events to blob storage with its own identity
module eventGridIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.6.0' = {
  name: 'event-grid-identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}eventgrid-${resourceToken}'
    location: location
    tags: tags
  }
}

// ---------- monitoring ----------

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.16.1' = {
  name: 'log-analytics'
  scope: rg
  params: {
    name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module appInsights 'br/public:avm/res/insights/component:0.8.0' = {
  name: 'app-insights'
  scope: rg
  params: {
    name: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableIpMasking: false
    retentionInDays: 90
  }
}

// ---------- secrets ----------

module keyVault 'br/public:avm/res/key-vault/vault:0.14.0' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enablePurgeProtection: keyVaultPurgeProtection
    enableVaultForDeployment: false
    enableVaultForDiskEncryption: false
    enableVaultForTemplateDeployment: true
    secrets: [
      {
        name: 'confer-seal-key'
        value: sealKey
        contentType: 'CONFER_SEAL_KEY'
      }
      {
        name: 'acs-webhook-secret'
        value: acsWebhookSecret
        contentType: 'ACS_WEBHOOK_SECRET'
      }
    ]
    roleAssignments: [
      {
        roleDefinitionIdOrName: roles.keyVaultSecretsUser
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
  scope: rg
}

// ---------- data ----------

module postgres 'br/public:avm/res/db-for-postgre-sql/flexible-server:0.16.0' = {
  name: 'postgres'
  scope: rg
  params: {
    name: '${abbrs.dBforPostgreSQLServers}${resourceToken}'
    location: location
    tags: tags
    version: '16'
    skuName: 'Standard_B1ms'
    tier: 'Burstable'
    storageSizeGB: 32
    availabilityZone: -1
    highAvailability: 'Disabled'
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    enableAdvancedThreatProtection: false
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
    }
    // the owner's identity only; the API's is an ordinary principal the migration job creates
    administrators: [
      {
        objectId: databaseOwnerIdentity.outputs.principalId
        principalName: databaseOwnerIdentity.outputs.name
        principalType: 'ServicePrincipal'
        tenantId: tenant().tenantId
      }
    ]
    publicNetworkAccess: 'Enabled'
    firewallRules: [
      {
        name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
        startIpAddress: '0.0.0.0'
        endIpAddress: '0.0.0.0'
      }
    ]
    databases: [
      {
        name: databaseName
        charset: 'UTF8'
        collation: 'en_US.utf8'
      }
    ]
    configurations: [
      {
        name: 'azure.extensions'
        value: 'PG_STAT_STATEMENTS'
        source: 'user-override'
      }
    ]
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.33.0' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: 'Standard_ZRS'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      deleteRetentionPolicyEnabled: true
      deleteRetentionPolicyDays: 30
      containerDeleteRetentionPolicyEnabled: true
      containerDeleteRetentionPolicyDays: 30
      containers: [
        {
          name: blobContainerName
          publicAccess: 'None'
        }
        {
          name: deadLetterContainerName
          publicAccess: 'None'
        }
      ]
    }
    roleAssignments: [
      {
        roleDefinitionIdOrName: roles.storageBlobDataContributor
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
      {
        roleDefinitionIdOrName: roles.storageBlobDataContributor
        principalId: eventGridIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

// ---------- email and SMS ----------

module emailService 'br/public:avm/res/communication/email-service:0.4.5' = {
  name: 'email-service'
  scope: rg
  params: {
    name: '${abbrs.communicationEmailServices}${resourceToken}'
    dataLocation: acsDataLocation
    tags: tags
    domains: [
      {
        name: 'AzureManagedDomain'
        domainManagement: 'AzureManaged'
        userEngagementTracking: 'Disabled'
      }
    ]
  }
}

module communication 'br/public:avm/res/communication/communication-service:0.5.0' = {
  name: 'communication-service'
  scope: rg
  params: {
    name: '${abbrs.communicationCommunicationServices}${resourceToken}'
    dataLocation: acsDataLocation
    tags: tags
    linkedDomains: emailService.outputs.domainResourceIds
    roleAssignments: [
      {
        roleDefinitionIdOrName: roles.contributor
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

// ---------- containers ----------

module registry 'br/public:avm/res/container-registry/registry:0.12.1' = {
  name: 'registry'
  scope: rg
  params: {
    name: '${abbrs.containerRegistryRegistries}${resourceToken}'
    location: location
    tags: tags
    acrSku: 'Basic'
    acrAdminUserEnabled: false
    roleAssignments: [
      {
        roleDefinitionIdOrName: roles.acrPull
        principalId: apiIdentity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module containerAppsEnvironment 'br/public:avm/res/app/managed-environment:0.15.0' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    name: '${abbrs.appManagedEnvironments}${resourceToken}'
    location: location
    tags: tags
    publicNetworkAccess: 'Enabled'
    zoneRedundant: false
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsWorkspaceResourceId: logAnalytics.outputs.resourceId
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// re-provisioning keeps the image `azd deploy` put there
module apiImage './modules/fetch-container-image.bicep' = {
  name: 'api-image'
  scope: rg
  params: {
    exists: apiExists
    name: apiAppName
  }
}

var image = apiImage.outputs.?containers[?0].?image ?? placeholderImage
var publicUrl = !empty(publicBaseUrl)
  ? publicBaseUrl
  : 'https://${apiAppName}.${containerAppsEnvironment.outputs.defaultDomain}'
// the API's identity: requests, as a member of confer_app; the owner's: the migration job only
var databaseUrl = 'postgres://${apiIdentity.outputs.name}@${postgres.outputs.fqdn!}:5432/${databaseName}?sslmode=verify-full'
var databaseMigrationUrl = 'postgres://${databaseOwnerIdentity.outputs.name}@${postgres.outputs.fqdn!}:5432/${databaseName}?sslmode=verify-full'
var storageAccountUrl = 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
var acsEndpoint = 'https://${communication.outputs.endpoint}'
var acsEmailSender = 'DoNotReply@${emailService.outputs.domainFromSenderDomains[0]}'
var allowedTenantIds = !empty(entraAllowedTenantIds) ? entraAllowedTenantIds : tenant().tenantId

// The README's settings, for the API and its firm job alike. Secrets are Key Vault references.
var apiSettings = [
  { name: 'CONFER_MODE', value: 'production' }
  { name: 'PUBLIC_BASE_URL', value: publicUrl }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'TRUST_PROXY', value: '1' }
  { name: 'DATABASE_URL', value: databaseUrl }
  { name: 'DATABASE_AUTH', value: 'entra' }
  { name: 'AZURE_CLIENT_ID', value: apiIdentity.outputs.clientId }
  { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storageAccountUrl }
  { name: 'AZURE_STORAGE_CONTAINER', value: blobContainerName }
  { name: 'ACS_ENDPOINT', value: acsEndpoint }
  { name: 'ACS_EMAIL_SENDER', value: acsEmailSender }
  { name: 'ACS_SMS_SENDER', value: acsSmsSender }
  { name: 'ENTRA_ALLOWED_TENANT_IDS', value: allowedTenantIds }
  { name: 'ENTRA_API_AUDIENCE', value: entraApiAudience }
  { name: 'ENTRA_CLIENT_ID', value: entraClientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.outputs.connectionString }
  { name: 'AZURE_OPENAI_ENDPOINT', value: azureOpenAiEndpoint }
  { name: 'AZURE_OPENAI_DEPLOYMENT', value: azureOpenAiDeployment }
  { name: 'CLIENT_COUNTRY_HEADER', value: clientCountryHeader }
  { name: 'CONFER_SEAL_KEY', secretRef: 'confer-seal-key' }
  { name: 'ACS_WEBHOOK_SECRET', secretRef: 'acs-webhook-secret' }
]
// ACS_SMS_SENDER may be empty until a number is bought, the Azure OpenAI pair when tone help is off: empty settings are left out
var apiEnvironment = filter(apiSettings, setting => !empty(setting.?value ?? setting.?secretRef ?? ''))
// The migration job: the API's settings, but PostgreSQL as its owner (the administrator identity),
// and the API's identity to create as a confer_app principal.
var migrationSettings = [
  { name: 'AZURE_CLIENT_ID', value: databaseOwnerIdentity.outputs.clientId }
  { name: 'DATABASE_MIGRATION_URL', value: databaseMigrationUrl }
  { name: 'DATABASE_APP_PRINCIPAL', value: apiIdentity.outputs.name }
]
var migrationEnvironment = concat(filter(apiEnvironment, setting => setting.name != 'AZURE_CLIENT_ID'), migrationSettings)
var apiSecrets = [
  {
    name: 'confer-seal-key'
    keyVaultUrl: '${keyVault.outputs.uri}secrets/confer-seal-key'
    identity: apiIdentity.outputs.resourceId
  }
  {
    name: 'acs-webhook-secret'
    keyVaultUrl: '${keyVault.outputs.uri}secrets/acs-webhook-secret'
    identity: apiIdentity.outputs.resourceId
  }
]
var registries = [
  {
    server: registry.outputs.loginServer
    identity: apiIdentity.outputs.resourceId
  }
]

module api 'br/public:avm/res/app/container-app:0.23.0' = {
  name: 'api'
  scope: rg
  params: {
    name: apiAppName
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    environmentResourceId: containerAppsEnvironment.outputs.resourceId
    workloadProfileName: 'Consumption'
    managedIdentities: {
      userAssignedResourceIds: [apiIdentity.outputs.resourceId]
    }
    registries: registries
    ingressExternal: true
    ingressTargetPort: 8080
    ingressAllowInsecure: false
    ingressTransport: 'auto'
    scaleSettings: {
      minReplicas: apiMinReplicas
      maxReplicas: apiMaxReplicas
      rules: [
        {
          name: 'http-requests'
          http: {
            metadata: {
              concurrentRequests: '50'
            }
          }
        }
      ]
    }
    terminationGracePeriodSeconds: 30
    secrets: apiSecrets
    containers: [
      {
        name: 'api'
        image: image
        resources: {
          cpu: json('0.5')
          memory: '1Gi'
        }
        env: apiEnvironment
        probes: [
          // a new release's replicas wait (not listening) until the migration job has run
          {
            type: 'Startup'
            httpGet: { path: '/healthz', port: 8080 }
            initialDelaySeconds: 5
            periodSeconds: 30
            failureThreshold: 10
          }
          {
            type: 'Liveness'
            httpGet: { path: '/healthz', port: 8080 }
            periodSeconds: 30
            failureThreshold: 3
          }
          {
            type: 'Readiness'
            httpGet: { path: '/readyz', port: 8080 }
            periodSeconds: 10
            failureThreshold: 3
          }
        ]
      }
    ]
  }
  dependsOn: [
    storage
    communication
  ]
}

// `npm run db:migrate` once per release (started by infra/hooks/run-migration-job.mjs after azd deploy)
module migrationJob 'br/public:avm/res/app/job:0.7.2' = {
  name: 'migration-job'
  scope: rg
  params: {
    name: '${abbrs.appContainerAppsJobs}migrate-${resourceToken}'
    location: location
    tags: tags
    environmentResourceId: containerAppsEnvironment.outputs.resourceId
    workloadProfileName: 'Consumption'
    triggerType: 'Manual'
    manualTriggerConfig: {
      parallelism: 1
      replicaCompletionCount: 1
    }
    replicaTimeout: 1800
    replicaRetryLimit: 1
    // the owner's identity signs in to PostgreSQL (AZURE_CLIENT_ID); the API's pulls the image and
    // reads the Key Vault references
    managedIdentities: {
      userAssignedResourceIds: [apiIdentity.outputs.resourceId, databaseOwnerIdentity.outputs.resourceId]
    }
    registries: registries
    secrets: apiSecrets
    containers: [
      {
        name: 'migrate'
        image: image
        command: ['node', 'api/dist/main.js', '--migrate-only']
        env: migrationEnvironment
        resources: { cpu: '0.5', memory: '1Gi' }
      }
    ]
  }
}

// `npm run firm -- create …` in Azure (infra/hooks/start-firm-job.mjs passes the arguments): rows
// only, so it runs as the API does, a member of confer_app
module firmJob 'br/public:avm/res/app/job:0.7.2' = {
  name: 'firm-job'
  scope: rg
  params: {
    name: '${abbrs.appContainerAppsJobs}firm-${resourceToken}'
    location: location
    tags: tags
    environmentResourceId: containerAppsEnvironment.outputs.resourceId
    workloadProfileName: 'Consumption'
    triggerType: 'Manual'
    manualTriggerConfig: {
      parallelism: 1
      replicaCompletionCount: 1
    }
    replicaTimeout: 600
    replicaRetryLimit: 0
    managedIdentities: {
      userAssignedResourceIds: [apiIdentity.outputs.resourceId]
    }
    registries: registries
    secrets: apiSecrets
    containers: [
      {
        name: 'firm'
        image: image
        command: ['node', 'api/dist/main.js', 'firm']
        env: apiEnvironment
        resources: { cpu: '0.5', memory: '1Gi' }
      }
    ]
  }
}

// ---------- inbound texts and delivery reports ----------

module acsEvents 'br/public:avm/res/event-grid/system-topic:0.7.0' = {
  name: 'acs-events'
  scope: rg
  params: {
    name: '${abbrs.eventGridSystemTopics}acs-${resourceToken}'
    location: 'global'
    tags: tags
    source: communication.outputs.resourceId
    topicType: 'Microsoft.Communication.CommunicationServices'
    managedIdentities: {
      userAssignedResourceIds: [eventGridIdentity.outputs.resourceId]
    }
  }
}

// Only once the API runs: Event Grid checks the endpoint with a validation handshake.
module acsWebhook './modules/acs-webhook-subscription.bicep' = if (apiExists) {
  name: 'acs-webhook'
  scope: rg
  params: {
    systemTopicName: acsEvents.outputs.name
    endpointUrl: '${publicUrl}/api/v1/webhooks/acs'
    webhookSecret: vault.getSecret('acs-webhook-secret')
    deadLetterStorageAccountResourceId: storage.outputs.resourceId
    deadLetterContainerName: deadLetterContainerName
    identityResourceId: eventGridIdentity.outputs.resourceId
  }
  dependsOn: [
    keyVault
    api
  ]
}

// ---------- outputs: azd keeps them in the environment (.azure/<env>/.env) ----------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output CONFER_MIGRATION_JOB_NAME string = migrationJob.outputs.name
output CONFER_FIRM_JOB_NAME string = firmJob.outputs.name
output CONFER_EVENT_GRID_SUBSCRIBED bool = apiExists

// the README's production settings (secrets: the Key Vault secret each comes from)
output CONFER_MODE string = 'production'
output PUBLIC_BASE_URL string = publicUrl
output TRUST_PROXY string = '1'
output DATABASE_URL string = databaseUrl
output DATABASE_AUTH string = 'entra'
// the migration job's own (README: **migration job**)
output DATABASE_MIGRATION_URL string = databaseMigrationUrl
output DATABASE_APP_PRINCIPAL string = apiIdentity.outputs.name
output AZURE_STORAGE_ACCOUNT_URL string = storageAccountUrl
output AZURE_STORAGE_CONTAINER string = blobContainerName
output ACS_ENDPOINT string = acsEndpoint
output ACS_EMAIL_SENDER string = acsEmailSender
output ACS_SMS_SENDER string = acsSmsSender
output ENTRA_ALLOWED_TENANT_IDS string = allowedTenantIds
output ENTRA_API_AUDIENCE string = entraApiAudience
output ENTRA_CLIENT_ID string = entraClientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = appInsights.outputs.connectionString
output CONFER_SEAL_KEY_SECRET_URI string = '${keyVault.outputs.uri}secrets/confer-seal-key'
output ACS_WEBHOOK_SECRET_SECRET_URI string = '${keyVault.outputs.uri}secrets/acs-webhook-secret'

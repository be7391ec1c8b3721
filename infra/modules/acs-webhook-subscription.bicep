// Event Grid → Confer: inbound texts and delivery reports of Communication Services, posted to
// the API's webhook with its secret (from Key Vault: a @secure parameter, never an output).
// Event Grid retries with backoff for a day; what still cannot be delivered (or is refused) is
// written to a blob container by the topic's managed identity.

@description('The Event Grid system topic of the Communication Services resource.')
param systemTopicName string

@description('https://<host>/api/v1/webhooks/acs')
param endpointUrl string

@secure()
@description('ACS_WEBHOOK_SECRET: sent as ?code= (so the validation handshake passes) and as the X-Confer-Webhook-Secret header.')
param webhookSecret string

@description('Storage account for undeliverable events.')
param deadLetterStorageAccountResourceId string

@description('Blob container for undeliverable events.')
param deadLetterContainerName string

@description('User-assigned identity of the system topic, allowed to write blobs there.')
param identityResourceId string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'confer-acs-webhook'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: '${endpointUrl}?code=${webhookSecret}'
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
        deliveryAttributeMappings: [
          {
            name: 'X-Confer-Webhook-Secret'
            type: 'Static'
            properties: {
              value: webhookSecret
              isSecret: true
            }
          }
        ]
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Communication.SMSReceived'
        'Microsoft.Communication.SMSDeliveryReportReceived'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: identityResourceId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageAccountResourceId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output name string = subscription.name

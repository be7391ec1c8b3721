// The containers of an existing container app, so that `azd provision` keeps the image
// `azd deploy` put there (empty when the app does not exist yet).

@description('Whether the container app exists.')
param exists bool

@description('The container app\'s name.')
param name string

resource existingApp 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

output containers array = exists ? existingApp!.properties.template.containers : []

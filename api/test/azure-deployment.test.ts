import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * The deployment files checked without Azure, Bicep or Docker: azure.yaml, infra/main.bicep
 * with its parameters file, the README's settings table and the Dockerfile must agree with each
 * other and with package.json. (The Bicep itself is compiled by `azd up`; see docs/deploy.md.)
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const bicep = read('infra/main.bicep');
const parameters = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: unknown }> };
const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
const rootPackage = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const apiPackage = JSON.parse(read('api/package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `param name type` (with `= default` when it has one), decorators on their own lines. */
const bicepParams = [...bicep.matchAll(/^param (\w+) ([^\n=]+?)(\s*=\s*(.+))?$/gm)].map((m) => ({
  name: m[1]!,
  hasDefault: m[3] !== undefined,
}));
const bicepOutputs = new Set([...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!));

/** The body of `var <name> = [ … ]` in main.bicep. */
function bicepArray(name: string): string {
  const match = new RegExp(`^var ${name} = \\[\\n([\\s\\S]*?)\\n\\]`, 'm').exec(bicep);
  if (!match) throw new Error(`main.bicep has no var ${name}`);
  return match[1]!;
}
type TSetting = { name: string; value?: string; secretRef?: string };
/** `{ name: 'X', value: … }` lines of a `var <name> = [ … ]` of settings. */
const settingsOf = (name: string): TSetting[] =>
  bicepArray(name)
    .split('\n')
    .map((line) => /\{ name: '(\w+)', (value|secretRef): (.+) \}/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, [m[2]!]: m[3]! }));

/** The body of `module <name> '…' = { … }` in main.bicep. */
function bicepModule(name: string): string {
  const match = new RegExp(`^module ${name} '[^']+' = (?:if \\([^)]*\\) )?\\{\\n([\\s\\S]*?)\\n\\}$`, 'm').exec(bicep);
  if (!match) throw new Error(`main.bicep has no module ${name}`);
  return match[1]!;
}

/** The identity module a value comes from: `apiIdentity.outputs.clientId` -> apiIdentity. */
const identityIn = (value: string | undefined) => /^(\w+)\.outputs\.\w+$/.exec(value ?? '')?.[1];

/** The identity named as the user of a `var <name> = 'postgres://${x.outputs.name}@…'` URL. */
function urlPrincipal(varName: string | undefined): string | undefined {
  const match = new RegExp(`^var ${varName} = 'postgres://\\$\\{(\\w+)\\.outputs\\.name\\}@`, 'm').exec(bicep);
  return match?.[1];
}

/**
 * The environment a container of a module gets: `apiEnvironment` (the API's settings), or a
 * `var x = concat(filter(apiEnvironment, setting => setting.name != 'A' …), extra)`.
 */
function environmentOf(module: string): { settings: TSetting[]; identities: string[] } {
  const body = bicepModule(module);
  const envVar = /^\s+env: (\w+)$/m.exec(body)?.[1];
  const ids = /userAssignedResourceIds: \[([^\]]*)\]/.exec(body)?.[1] ?? '';
  const identities = [...ids.matchAll(/(\w+)\.outputs\.resourceId/g)].map((m) => m[1]!);
  if (envVar === 'apiEnvironment') return { settings: apiSettings, identities };
  const composed = new RegExp(`^var ${envVar} = concat\\(filter\\(apiEnvironment, (.+)\\), (\\w+)\\)$`, 'm').exec(
    bicep,
  );
  if (!composed) throw new Error(`module ${module}: env ${envVar} is neither apiEnvironment nor composed from it`);
  const dropped = [...composed[1]!.matchAll(/setting\.name != '(\w+)'/g)].map((m) => m[1]!);
  const extra = settingsOf(composed[2]!);
  return { settings: [...apiSettings.filter((s) => !dropped.includes(s.name)), ...extra], identities };
}
const apiSettings = settingsOf('apiSettings');
const valueOf = (settings: TSetting[], name: string) => settings.find((s) => s.name === name)?.value;

const keyVaultSecrets = new Map(
  [...bicepArray('apiSecrets').matchAll(/name: '([\w-]+)'\s+keyVaultUrl: '([^']+)'/g)].map((m) => [m[1]!, m[2]!]),
);

/**
 * The README's settings table: name, whether production requires it (**prod**), and whether
 * it is the migration job's own (**migration job**).
 */
const readmeSettings = read('README.md')
  .split('\n')
  .map((line) => /^\| `([A-Z0-9_]+)`\s*\|[^|]*\|(.*)\|$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({
    name: m[1]!,
    production: m[2]!.includes('**prod**'),
    migrationJob: m[2]!.includes('**migration job**'),
  }));

describe('the Azure deployment files', () => {
  test('when azure.yaml is read, then it deploys the api service as a container app from the Dockerfile, with hooks that exist', () => {
    const azure = parseYaml(read('azure.yaml')) as {
      name: string;
      infra?: { provider?: string; path?: string; module?: string };
      hooks?: Record<string, Record<string, { run: string }>>;
      services: Record<
        string,
        {
          project: string;
          host: string;
          language: string;
          docker?: { path?: string; context?: string };
          hooks?: Record<string, Record<string, { run: string }>>;
        }
      >;
    };
    expect(azure.name).toBe('confer');
    expect(Object.keys(azure.services)).toEqual(['api']);
    const api = azure.services.api!;
    expect(api.host).toBe('containerapp');
    expect(existsSync(join(root, api.project, api.docker?.path ?? 'Dockerfile'))).toBe(true);
    expect(existsSync(join(root, azure.infra?.path ?? 'infra', `${azure.infra?.module ?? 'main'}.bicep`))).toBe(true);
    const hooks = [...Object.values(azure.hooks ?? {}), ...Object.values(api.hooks ?? {})].flatMap((h) =>
      Object.values(h),
    );
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      const script = /^node (\S+)$/.exec(hook.run)?.[1];
      expect(script).toBeDefined();
      expect(existsSync(join(root, script!))).toBe(true);
    }
    // azd finds the container app by this tag
    expect(bicep).toContain("'azd-service-name': 'api'");
  });

  test('when main.bicep is read, then every parameter has a default or a value in main.parameters.json, and no value is for an unknown parameter', () => {
    expect(bicep).toMatch(/^targetScope = 'subscription'$/m);
    expect(bicepParams.length).toBeGreaterThan(5);
    const given = Object.keys(parameters.parameters);
    const unset = bicepParams.filter((p) => !p.hasDefault && !given.includes(p.name)).map((p) => p.name);
    expect(unset).toEqual([]);
    const unknown = given.filter((name) => !bicepParams.some((p) => p.name === name));
    expect(unknown).toEqual([]);
  });

  test('when main.bicep uses modules, then registry modules are Azure Verified Modules pinned to a version and local ones exist', () => {
    const files = ['infra/main.bicep'];
    const modules = [...bicep.matchAll(/^module \w+ '([^']+)'/gm)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(10);
    for (const ref of modules) {
      if (ref.startsWith('br/')) expect(ref).toMatch(/^br\/public:avm\/res\/[a-z-]+\/[a-z-]+:\d+\.\d+\.\d+$/);
      else {
        expect(existsSync(join(root, 'infra', ref))).toBe(true);
        files.push(join('infra', ref));
      }
    }
    // secrets never leave a module as an output
    for (const file of files)
      expect(read(file)).not.toMatch(/^output \w+ string = .*(getSecret|sealKey|acsWebhookSecret|webhookSecret)/m);
  });

  test('when the README lists a production setting, then the container app gets it from main.bicep as an output value or a Key Vault reference', () => {
    const production = readmeSettings.filter((s) => s.production).map((s) => s.name);
    expect(production).toEqual(expect.arrayContaining(['DATABASE_URL', 'CONFER_SEAL_KEY', 'ACS_WEBHOOK_SECRET']));
    for (const name of production) {
      const setting = apiSettings.find((s) => s.name === name);
      expect({ name, set: setting !== undefined }).toEqual({ name, set: true });
      if (setting!.secretRef) {
        const secret = setting!.secretRef.replace(/'/g, '');
        expect({ name, keyVaultUrl: keyVaultSecrets.get(secret) }).toEqual({
          name,
          keyVaultUrl: `\${keyVault.outputs.uri}secrets/${secret}`,
        });
      } else {
        expect({ name, output: bicepOutputs.has(name) }).toEqual({ name, output: true });
      }
    }
    // and nothing the README does not describe
    const documented = new Set(readmeSettings.map((s) => s.name));
    expect(apiSettings.map((s) => s.name).filter((n) => !documented.has(n))).toEqual([]);
    expect(apiSettings.find((s) => s.name === 'DATABASE_AUTH')?.value).toBe("'entra'");
  });

  test('when the README lists a setting of the migration job, then the migration job gets it from main.bicep, and the container app does not', () => {
    const own = readmeSettings.filter((s) => s.migrationJob).map((s) => s.name);
    expect(own).toEqual(expect.arrayContaining(['DATABASE_MIGRATION_URL', 'DATABASE_APP_PRINCIPAL']));
    const job = environmentOf('migrationJob').settings;
    for (const name of own) {
      expect({ name, job: valueOf(job, name) !== undefined, output: bicepOutputs.has(name) }).toEqual({
        name,
        job: true,
        output: true,
      });
      expect({ name, api: valueOf(environmentOf('api').settings, name) }).toEqual({ name, api: undefined });
    }
    // the job still gets every production setting (it loads the same configuration)
    for (const { name } of readmeSettings.filter((s) => s.production)) {
      expect({ name, set: job.some((s) => s.name === name) }).toEqual({ name, set: true });
    }
  });

  test('when the API and its jobs sign in to PostgreSQL, then only the migration job is the owner (the Entra administrator); the API and the firm job are the app principal it makes', () => {
    const identities = [
      ...bicep.matchAll(/^module (\w+) 'br\/public:avm\/res\/managed-identity\/user-assigned-identity:/gm),
    ].map((m) => m[1]!);
    // PostgreSQL's Entra administrators: exactly one identity, and not the API's
    const postgres = bicepModule('postgres');
    const administrators = /administrators: \[([\s\S]*?)\n {4}\]/.exec(postgres)?.[1] ?? '';
    const adminIds = [...administrators.matchAll(/objectId: (\w+)\.outputs\.principalId/g)].map((m) => m[1]!);
    const adminNames = [...administrators.matchAll(/principalName: (\w+)\.outputs\.name/g)].map((m) => m[1]!);
    expect(adminIds).toHaveLength(1);
    expect(adminNames).toEqual(adminIds);
    const owner = adminIds[0]!;
    expect(identities).toContain(owner);
    expect(/authConfig: \{[^}]*passwordAuth: 'Disabled'/.exec(postgres)).not.toBeNull();

    const signIns = ['api', 'firmJob', 'migrationJob'].map((module) => {
      const { settings, identities: assigned } = environmentOf(module);
      const clientIdentity = identityIn(valueOf(settings, 'AZURE_CLIENT_ID'));
      // the identity DefaultAzureCredential picks is one the container really has
      expect({ module, assigned: assigned.includes(clientIdentity!) }).toEqual({ module, assigned: true });
      expect({ module, auth: valueOf(settings, 'DATABASE_AUTH') }).toEqual({ module, auth: "'entra'" });
      return {
        module,
        clientIdentity,
        app: urlPrincipal(valueOf(settings, 'DATABASE_URL')),
        migration: urlPrincipal(valueOf(settings, 'DATABASE_MIGRATION_URL')),
        appPrincipal: identityIn(valueOf(settings, 'DATABASE_APP_PRINCIPAL')),
      };
    });
    const app = signIns.find((s) => s.module === 'api')!.app;
    expect(app).toBeDefined();
    expect(app).not.toBe(owner);
    expect(signIns).toEqual([
      // requests: the API's own identity, a member of confer_app; no owner URL at all
      { module: 'api', clientIdentity: app, app, migration: undefined, appPrincipal: undefined },
      // firm creation is rows only: the same principal as the API
      { module: 'firmJob', clientIdentity: app, app, migration: undefined, appPrincipal: undefined },
      // migrations: the owner's identity over DATABASE_MIGRATION_URL; it makes the API's principal
      { module: 'migrationJob', clientIdentity: owner, app, migration: owner, appPrincipal: app },
    ]);
    // the principal the job creates is the name the API's URL signs in with
    expect(valueOf(environmentOf('migrationJob').settings, 'DATABASE_APP_PRINCIPAL')).toBe(`${app}.outputs.name`);
  });

  test('when the Dockerfile builds and starts Confer, then its commands exist and production carries no embedded piece', () => {
    const runs = [...dockerfile.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]!);
    const scripts = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(scripts).toContain('build');
    for (const script of scripts) expect(Object.keys(rootPackage.scripts)).toContain(script);
    const stages = dockerfile.split(/^FROM /m);
    const runtime = stages[stages.length - 1]!;
    expect(runtime).toMatch(/npm ci [^\n]*--omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/CONFER_MODE=production/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\/healthz/m);
    const cmd = JSON.parse(/^CMD (\[.*\])\s*$/m.exec(runtime)![1]!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd[1]).toBe('api/dist/main.js');
    expect(existsSync(join(root, 'api/src/main.ts'))).toBe(true);
    expect(runtime).toContain('COPY --from=build /app/api/dist api/dist');
    expect(runtime).toContain('COPY --from=build /app/api/drizzle api/drizzle');
    // PGlite and Azurite: development dependencies, so npm ci --omit=dev leaves them out
    for (const embedded of ['@electric-sql/pglite', 'azurite']) {
      expect(Object.keys(apiPackage.dependencies)).not.toContain(embedded);
      expect(Object.keys(apiPackage.devDependencies)).toContain(embedded);
    }
    // the image's port is the one the container app sends traffic and probes to
    const port = /PORT=(\d+)/.exec(runtime)?.[1];
    expect(bicep).toContain(`ingressTargetPort: ${port}`);
    expect(bicep).toContain(`httpGet: { path: '/healthz', port: ${port} }`);
    expect(bicep).toContain(`httpGet: { path: '/readyz', port: ${port} }`);
    // the migration and firm jobs run the image's entry point
    expect(bicep).toContain("command: ['node', 'api/dist/main.js', '--migrate-only']");
    expect(bicep).toContain("command: ['node', 'api/dist/main.js', 'firm']");
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', '**/node_modules', '.confer', '.env', '.azure']) expect(ignored).toContain(entry);
  });
});

// What `npm start` builds on a first run, and how (also read by scripts/test/start-builds.test.mjs).
// Quietly: one line per build (warnings and errors still show); `npm run build` lists the bundles.

/** The builds `npm start` makes when their output is missing; the web apps only when serving. */
export function firstRunBuilds({ serving }) {
  return [
    { workspace: 'api', name: 'the API', output: 'api/dist/main.js', quiet: [] },
    ...(serving
      ? [
          { workspace: 'addin', name: 'the staff app', output: 'addin/dist/index.html', quiet: ['--logLevel', 'warn'] },
          {
            workspace: 'portal',
            name: 'the client portal',
            output: 'portal/dist/index.html',
            quiet: ['--logLevel', 'warn'],
          },
        ]
      : []),
  ];
}

/** npm's arguments for one build; `extra` goes to the build tool after the quiet flags. */
export function buildArgs(build, extra = []) {
  const tail = [...build.quiet, ...extra];
  return ['run', '--silent', 'build', '-w', build.workspace, ...(tail.length ? ['--', ...tail] : [])];
}

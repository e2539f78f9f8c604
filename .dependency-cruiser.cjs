/**
 * Import rules of crawlsift, checked by test/layout/import-rules.test.ts (part of `npm test`).
 * Layers, from the top: bench/ and scripts/ (tools) and workers/ (entry points) may import src/;
 * inside src/, only src/cli/ imports src/cli/, and what the pipeline runs never imports src/pipeline/ or
 * src/executors/. No file imports itself through others.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the files on it cannot be read, tested or loaded one without the others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'cli-only-from-cli',
      severity: 'error',
      comment: 'src/cli/ is the top of the library: whatever both the CLI and the library use lives below it.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'stages-not-to-run-loop',
      severity: 'error',
      comment:
        'The pipeline (src/pipeline/) and its executors (src/executors/) run the stages and the model; what they run ' +
        '(dedup, diversity, scope, features, classifier, routing, documents, threads...) never imports them back.',
      from: { path: '^src/(canaries|classifier|dedup|diversity|documents|evaluation|features|labeling|routing|scope|threads|training)/' },
      to: { path: '^src/(pipeline|executors)/' },
    },
    {
      name: 'shipped-not-to-tools',
      severity: 'error',
      comment: 'src/ and workers/ ship in the package; bench/, scripts/ and test/ do not, and import src/, not the reverse.',
      from: { path: '^(src|workers)/' },
      to: { path: '^(bench|scripts|test)/' },
    },
    {
      name: 'scripts-not-to-bench',
      severity: 'error',
      comment: 'The shipped model and reference LM are built by scripts/ from library code, not from the lab in bench/.',
      from: { path: '^scripts/' },
      to: { path: '^bench/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve is an edge no other rule can see.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|bench/tmp)/' },
    // As Node resolves ESM: package.json "exports" with these conditions.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

/**
 * The house rules, checked in CI (`npm run check:layers`). Layers from the bottom up; a layer may
 * import only from layers below it (and from itself). See README, "Folder tree".
 */
const LAYERS = [
  ['text', '^src/text/'],
  ['core', '^src/core/'],
  ['store', '^src/store/'],
  ['delivery', '^src/delivery/'],
  ['scheduling', '^src/scheduling/'],
  ['redis', '^src/redis/'],
  ['rules', '^src/rules/'],
  ['overview', '^src/overview/'],
  ['commands', '^commands/'],
  ['engine', '^src/engine/'],
  ['adapters', '^adapters/'],
  ['import', '^src/import/'],
  // The monitor web page (issue 21): reads the store and the overviews, started by src/app/ and src/cli/ only.
  ['web', '^src/web/'],
  ['app', '^src/app/'],
  ['cli', '^src/cli/'],
];
/** Layers of one rank do not import each other. */
const RANK = { delivery: 3, scheduling: 3, redis: 4 };
const rank = (name, index) => RANK[name] ?? index;

const upward = LAYERS.flatMap(([name, path], index) => {
  const higher = LAYERS.filter(
    ([other], j) => other !== name && rank(other, j) >= rank(name, index),
  ).map(([, otherPath]) => otherPath);
  return higher.length === 0
    ? []
    : [
        {
          name: `layer-${name}`,
          comment: `${name} imports only from the layers below it`,
          severity: 'error',
          from: { path },
          to: { path: higher },
        },
      ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'core-no-platform',
      comment:
        'src/ imports no chat platform or Redis library: platforms live in adapters/, Redis in src/redis/',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/redis/' },
      to: { path: 'node_modules/(grammy|@grammyjs|@whiskeysockets|baileys|bullmq|ioredis)' },
    },
    {
      name: 'redis-no-platform',
      comment: 'src/redis/ may import bullmq and ioredis, no chat platform library',
      severity: 'error',
      from: { path: '^src/redis/' },
      to: { path: 'node_modules/(grammy|@grammyjs|@whiskeysockets|baileys)' },
    },
    {
      name: 'redis-only-from-app',
      comment: 'only the composition root (src/app/) imports src/redis/',
      severity: 'error',
      from: { pathNot: '^src/(app|redis)/' },
      to: { path: '^src/redis/' },
    },
    {
      name: 'web-only-from-app',
      comment:
        'only the composition root (src/app/) and the command line (src/cli/) start the monitor web page (src/web/)',
      severity: 'error',
      from: { pathNot: '^src/(app|cli|web)/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'adapters-only-port',
      comment:
        'an adapter sees the core through the adapter port (src/delivery/port/index.ts, its one entry file) and the incoming-event shape (src/core/), never the store, the rules or the engine',
      severity: 'error',
      from: { path: '^adapters/' },
      to: {
        path: '^src/',
        pathNot: ['^src/core/', '^src/text/', '^src/delivery/port/index\\.ts$'],
      },
    },
    {
      name: 'no-orphans',
      comment: 'every source file is used',
      severity: 'error',
      from: { orphan: true, path: '^(src|commands|adapters)/', pathNot: '\\.d\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test|bench|tmp|data|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

// GitHub Copilot CLI's own agent discovery (customAgentsDiscoverJson, from the native runtime
// the CLI unpacks on its first run), run on a project: prints the files it loads as agents,
// and those it found and failed. usage: node copilot_discover.cjs RUNTIME PROJECT CONFIG_DIR
const runtime = require(process.argv[2]);
(async () => {
  const found = JSON.parse(
    await runtime.customAgentsDiscoverJson(
      JSON.stringify({
        integrationId: "copilot-cli",
        authInfo: null,
        configDir: process.argv[4],
        projectPaths: [process.argv[3]],
        excludeHostAgents: false,
        additionalPlugins: [],
        hasResolvedPlugins: false,
      }),
    ),
  );
  process.stdout.write(
    JSON.stringify({
      loaded: found.agents.map((agent) => agent.path),
      failed: found.failedAgents.map((agent) => agent.message),
    }),
  );
})();

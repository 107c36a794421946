import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Svelte 5 runes everywhere in our code; libraries keep whatever mode they were written in.
    runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true),
  },
  kit: {
    adapter: adapter({ out: 'build' }),
    // What the portal shares with the indexer and the scripts (ABIs, contract table, enums, manifest,
    // CIDs, model cards, the indexer's API): protocol/, imported as `$protocol/...`.
    alias: { $protocol: 'protocol' },
    typescript: {
      // svelte-check also type-checks the Node scripts and the root config files.
      config: (tsconfig) => {
        tsconfig.include.push(
          '../protocol/**/*.ts',
          '../scripts/**/*.ts',
          '../*.config.js',
          '../*.config.ts',
        );
        return tsconfig;
      },
    },
    // The portal's source lives in web/ (the repository root also holds contracts and scripts).
    files: {
      src: 'web',
      assets: 'web/static',
      lib: 'web/lib',
      routes: 'web/routes',
      params: 'web/params',
      appTemplate: 'web/app.html',
      errorTemplate: 'web/error.html',
      serviceWorker: 'web/service-worker',
      hooks: {
        client: 'web/hooks.client',
        server: 'web/hooks.server',
        universal: 'web/hooks',
      },
    },
  },
};

export default config;

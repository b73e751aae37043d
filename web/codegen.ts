import type { CodegenConfig } from '@graphql-codegen/cli';

// Types every operation in web/src from the service's generated schema, so a
// schema change that breaks a screen breaks `npm run build`.
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/graphql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true },
    },
  },
};
export default config;

import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/**
 * The schema as SDL: the committed schema.gql is exactly this text (the
 * contract test checks it is current), and GET /graphql/schema.graphql serves it.
 */
export function printGeneratedSchema(schema: GraphQLSchema): string {
  return `# Generated from the code-first resolvers by \`npm run schema:generate\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

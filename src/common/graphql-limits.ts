import type { ApolloServerPlugin } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  ASTVisitor, DocumentNode, GraphQLError, GraphQLSchema, Kind, NoSchemaIntrospectionCustomRule, parse, specifiedRules,
  validate, ValidationContext, ValidationRule,
} from 'graphql';
import { AppConfig } from '../config/config';

/** graphql-js's own token limit: the parser stops counting there, so a huge query costs little. */
export const MAX_TOKENS = 5000;

/** The extensions.code of a query refused before it runs, as Apollo names it. */
export const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

/**
 * A field selected more than once in the same selection set. GraphQL merges
 * the copies, but only after comparing every pair of them (quadratic), so
 * `{ __typename __typename ... }` x 500 is work for nothing: each field once.
 */
const FieldOnceRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  SelectionSet(node) {
    const seen = new Set<string>();
    for (const s of node.selections) {
      if (s.kind !== Kind.FIELD) continue;
      const key = s.alias?.value ?? s.name.value;
      if (seen.has(key)) {
        context.reportError(new GraphQLError(`"${key}" is selected more than once in one selection; select each field once.`, { nodes: s }));
        return false;
      }
      seen.add(key);
    }
    return undefined;
  },
});

/**
 * The one set of limits every door applies: /graphql over HTTP (Apollo) and
 * the websocket (graphql-ws). Built once per application from its config.
 */
@Injectable()
export class GraphqlLimits {
  /** Rules run after graphql-js's own; the limits act on the operation as a whole, so they report first. */
  readonly validationRules: ValidationRule[];
  readonly plugins: ApolloServerPlugin[];
  readonly parseOptions = { maxTokens: MAX_TOKENS };
  /** Validation stops at the first error (see firstErrorOnly). */
  readonly validationOptions = { maxErrors: 1 };

  constructor(private readonly config: AppConfig) {
    const armor = new ApolloArmor({
      maxDepth: { n: config.GRAPHQL_MAX_DEPTH },
      costLimit: { maxCost: config.GRAPHQL_MAX_COST },
      // __typename counts: 101 aliases of it are as much an alias flood as any other field.
      maxAliases: { n: config.GRAPHQL_MAX_ALIASES, allowList: [] },
      // Counted by graphql-js's own parser (parseOptions), so that a malformed query stays GRAPHQL_PARSE_FAILED.
      maxTokens: { enabled: false },
      maxDirectives: { n: 50 },
      blockFieldSuggestion: { enabled: config.production },
    }).protect();
    this.validationRules = [...armor.validationRules, FieldOnceRule];
    // graphql-armor's types come from Apollo's ESM build, Nest's from its CJS build: the same objects.
    this.plugins = [...(armor.plugins as ApolloServerPlugin[]), firstErrorOnly];
  }

  /**
   * What the websocket runs before subscribing: the same parse and rules as
   * HTTP, with introspection and suggestions off in production as Apollo
   * turns them off there. Returns the document, or the one error to answer.
   */
  check(schema: GraphQLSchema, query: unknown): DocumentNode | GraphQLError {
    if (typeof query !== 'string') return new GraphQLError('The query must be a string.', { extensions: { code: VALIDATION_FAILED } });
    let document: DocumentNode;
    try {
      document = parse(query, this.parseOptions);
    } catch (err) {
      const message = err instanceof GraphQLError ? err.message : 'The query could not be parsed.';
      return new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    }
    const rules = [...specifiedRules, ...(this.config.production ? [NoSchemaIntrospectionCustomRule] : []), ...this.validationRules];
    const [first] = validate(schema, document, rules, { ...this.validationOptions, hideSuggestions: this.config.production });
    if (!first) return document;
    const code = first.extensions.code ?? VALIDATION_FAILED;
    return new GraphQLError(first.message, { nodes: first.nodes, extensions: { code } });
  }
}

/**
 * One refused query, one error. Without this a query repeating an unknown
 * directive ten times (`__typename @aa@aa...`) gets ten errors: an answer
 * that grows with the attack. Validation also stops at the first error.
 */
const firstErrorOnly: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async validationDidStart() {
        // Apollo answers with this same array, so cutting it here is what the client sees.
        return async (errors?: readonly Error[]) => {
          if (errors && errors.length > 1) (errors as Error[]).splice(1);
        };
      },
    };
  },
};

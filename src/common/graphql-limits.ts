import type { ApolloServerPlugin } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  ASTVisitor, DocumentNode, getNamedType, getNullableType, GraphQLError, GraphQLField, GraphQLList, GraphQLSchema, Kind,
  NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, ValidationContext, ValidationRule,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { AppConfig } from '../config/config';
import { DEFAULT_PAGE, MAX_PAGE } from './pagination';

/** graphql-js's own token limit: the parser stops counting there, so a huge query costs little. */
export const MAX_TOKENS = 5000;

/** The extensions.code of a query refused before it runs, as Apollo names it. */
export const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

/**
 * Fields whose every value is real work: rendering, parsing or diffing a
 * whole text, or ts_headline over one. A request may ask for at most
 * GRAPHQL_MAX_HEAVY_FIELDS of them, lists multiplied out.
 */
export const HEAVY_FIELDS: Record<string, string[]> = {
  StandardVersion: ['text', 'html', 'clauses', 'requirements'],
  Edition: ['html'],
  Redline: ['html', 'unified', 'requirementChanges'],
  SearchHit: ['snippet'],
};

/**
 * Unpaged lists that are small by nature, with the size a cost estimate
 * should assume: a nation's reservations name a few clauses, and its
 * revisions of one response are few, and so are a catalogue entry's
 * replacements and adoptions. Without these, a ballot page (responses
 * x revisions x reservations) would be costed as 20 x 20 x 20 values.
 */
const SMALL_LISTS: Record<string, number> = {
  'NationalResponse.reservations': 5,
  'NationalResponse.history': 5,
  // A withdrawal leaves fewer; a late ratification names a few clauses, as a response does.
  'RatificationChange.reservations': 5,
  // The secretariat extends a ballot once or twice, each time with a reason.
  'Ballot.extensions': 5,
  // A document is replaced by, replaces and adopts or is adopted by a few others (ECSS-E-ST-50-04C: three notices).
  'ExternalStandard.replacedBy': 3,
  'ExternalStandard.replaces': 3,
  'ExternalStandard.adoptions': 5,
  'OverlapCandidate.replacedBy': 3,
};

/**
 * How many values a field stands for: `first` where the field pages (its
 * default page when absent), one for a connection's edges (their field
 * already counted `first`), a small list's own size, and DEFAULT_PAGE for any
 * other list.
 */
function multiplier(typeName: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (field.args.some((a) => a.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE;
    return Math.max(1, Math.min(first, MAX_PAGE));
  }
  const type = getNullableType(field.type);
  if (!(type instanceof GraphQLList)) return 1;
  if (getNamedType(type).name.endsWith('Edge')) return 1;
  return SMALL_LISTS[`${typeName}.${field.name}`] ?? DEFAULT_PAGE;
}

/** An estimator where a field costs `own` once per parent, and what it holds once per value of its list. */
const listEstimator = (own: (typeName: string, fieldName: string) => number): ComplexityEstimator =>
  ({ type, field, args, childComplexity }) => own(type.name, field.name) + childComplexity * multiplier(type.name, field, args);

const costOf = listEstimator(() => 1);
const heavyOf = listEstimator((type, field) => (HEAVY_FIELDS[type]?.includes(field) ? 1 : 0));

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
      // Replaced by measure(): graphql-armor's cost ignores list sizes.
      costLimit: { enabled: false },
      // __typename counts: 101 aliases of it are as much an alias flood as any other field.
      maxAliases: { n: config.GRAPHQL_MAX_ALIASES, allowList: [] },
      // Counted by graphql-js's own parser (parseOptions), so that a malformed query stays GRAPHQL_PARSE_FAILED.
      maxTokens: { enabled: false },
      maxDirectives: { n: 50 },
      blockFieldSuggestion: { enabled: config.production },
    }).protect();
    this.validationRules = [...armor.validationRules, FieldOnceRule];
    // graphql-armor's types come from Apollo's ESM build, Nest's from its CJS build: the same objects.
    const measured: ApolloServerPlugin = {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, document, request }) => {
          const refused = this.measure(schema, document, request.operationName, request.variables);
          if (refused) throw refused;
        },
      }),
    };
    this.plugins = [...(armor.plugins as ApolloServerPlugin[]), firstErrorOnly, measured];
  }

  /**
   * What running the operation would cost with these variables: every field
   * 1, times the list sizes above it, at most GRAPHQL_MAX_COST; and at most
   * GRAPHQL_MAX_HEAVY_FIELDS values of HEAVY_FIELDS. The error, or null.
   */
  measure(schema: GraphQLSchema, query: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): GraphQLError | null {
    // Apollo's document store hands out the same parsed document for the same query text, so the
    // measure of a query repeated with the same (small) variables is kept with its document.
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
    if (key.length > MAX_MEASURE_KEY) return this.walk(schema, query, operationName, variables);
    let known = this.measured.get(query);
    if (!known) this.measured.set(query, (known = new Map()));
    let refusal = known.get(key);
    if (refusal === undefined) {
      // Every refusal is tooMuch(message): kept as its message, so each request throws its own error.
      refusal = this.walk(schema, query, operationName, variables)?.message ?? null;
      if (known.size >= MAX_MEASURES_PER_DOCUMENT) known.delete(known.keys().next().value!);
      known.set(key, refusal);
    }
    return refusal === null ? null : tooMuch(refusal);
  }

  /** Measures of documents (the refusal's message, or null), by operation name and variables; forgotten with the document. */
  private readonly measured = new WeakMap<DocumentNode, Map<string, string | null>>();

  private walk(schema: GraphQLSchema, query: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): GraphQLError | null {
    const options = { schema, query, operationName: operationName ?? undefined, variables: variables ?? {} };
    let cost: number;
    let heavy: number;
    try {
      cost = getComplexity({ ...options, estimators: [costOf] });
      heavy = getComplexity({ ...options, estimators: [heavyOf] });
    } catch (err) {
      // Variables that do not fit their types: execution would refuse them the same way.
      return err instanceof GraphQLError ? tooMuch(err.message) : tooMuch('The operation could not be measured.');
    }
    if (cost > this.config.GRAPHQL_MAX_COST) {
      return tooMuch(`This operation would cost ${cost}, above the limit of ${this.config.GRAPHQL_MAX_COST}: ask for smaller pages (first) or fewer fields.`);
    }
    if (heavy > this.config.GRAPHQL_MAX_HEAVY_FIELDS) {
      return tooMuch(`This operation asks for ${heavy} texts, renderings, redlines or snippets, above the limit of ${this.config.GRAPHQL_MAX_HEAVY_FIELDS}: ask for them a page at a time.`);
    }
    return null;
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

/** Variables longer than this (a version's text, say) are measured afresh rather than kept as a key. */
const MAX_MEASURE_KEY = 2048;
const MAX_MEASURES_PER_DOCUMENT = 64;

const tooMuch = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

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

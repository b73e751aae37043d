import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { DocumentNode, execute, ExecutionResult, getOperationAST, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type SchemaListener = Parameters<Gateway['onSchemaLoadOrUpdate']>[0];

/** What a document's operation runs on: its compiled query, or graphql-js where graphql-jit is not used. */
type Plan = CompiledQuery | 'graphql-js';

/**
 * Distinct documents (text and operation name) whose compiled queries are
 * kept. The web app sends a fixed set of a few hundred; an API client's
 * ad-hoc queries past this only cost a compilation each.
 */
const COMPILED_DOCUMENTS = 1000;

/**
 * Runs queries with graphql-jit instead of graphql-js's `execute`: a query
 * is compiled once per document (its text and operation name) into a
 * function that resolves and completes its fields without graphql-js's
 * per-field interpretation. Case 3 of BENCHMARKS.md measured graphql-js's
 * execution as the largest share of the framework's own time per request.
 *
 * This is Apollo Server's public gateway interface (a gateway's `load`
 * returns the executor Apollo calls in place of graphql-js); Apollo still
 * parses, validates (with our depth, cost and alias rules), runs every
 * plugin and formats the errors. The schema is Nest's, unchanged.
 *
 * Only queries run on graphql-jit; mutations keep graphql-js's execution
 * (the throughput that matters is reading, and a mutation's side effects are
 * where a difference of semantics would cost most); subscriptions are served
 * by GraphqlWsServer with graphql-js's `subscribe`. Variables are coerced by
 * graphql-js first: a request whose variables graphql-js refuses is executed
 * by graphql-js, which answers with exactly its own errors (graphql-jit's
 * messages differ, and Apollo recognises graphql-js's as BAD_USER_INPUT). A
 * document graphql-jit cannot compile also runs on graphql-js.
 */
export class JitGateway implements Gateway {
  private readonly plans = new LRUCache<string, Plan>({ max: COMPILED_DOCUMENTS });

  constructor(private readonly schema: GraphQLSchema) {}

  onSchemaLoadOrUpdate(listener: SchemaListener): () => void {
    // The schema never changes while the service runs; the SDL is only read by Apollo's schema reporting, which is off.
    listener({ apiSchema: this.schema, coreSupergraphSdl: '' });
    return () => undefined;
  }

  async load(): Promise<{ executor: Executor }> {
    return { executor: (requestContext) => this.execute(requestContext) };
  }

  async stop(): Promise<void> {}

  /** The plan of a document's operation, compiled on its first request (the key is null where Apollo gave no text). */
  plan(document: DocumentNode, source: string | undefined, operationName: string | undefined | null): Plan {
    const key = source === undefined ? null : `${operationName ?? ''}\n${source}`;
    const known = key === null ? undefined : this.plans.get(key);
    if (known) return known;
    const operation = getOperationAST(document, operationName);
    let plan: Plan = 'graphql-js';
    if (operation?.operation === 'query') {
      const compiled = compileQuery(this.schema, document, operationName ?? undefined);
      if (isCompiledQuery(compiled)) plan = compiled;
    }
    if (key !== null) this.plans.set(key, plan);
    return plan;
  }

  async execute(requestContext: Parameters<Executor>[0]): Promise<ExecutionResult> {
    const { document, source, request, context } = requestContext;
    const plan = this.plan(document, source, request.operationName);
    const operation = requestContext.operation as OperationDefinitionNode | undefined;
    if (plan !== 'graphql-js' && operation && this.variablesAccepted(operation, request.variables)) {
      return asGraphqlJsResult(await plan.query(undefined, context, request.variables ?? {}));
    }
    return execute({ schema: this.schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
  }

  /** Whether graphql-js coerces the request's variables without error (a query without variables needs no look). */
  private variablesAccepted(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): boolean {
    const definitions = operation.variableDefinitions ?? [];
    if (definitions.length === 0) return true;
    return !getVariableValues(this.schema, definitions, variables ?? {}, { maxErrors: 50 }).errors;
  }
}

/**
 * graphql-jit's result as graphql-js's execute would have given it. Its
 * errors are its own GraphQLError, whose extensions are only the original
 * error's (undefined for our DomainErrors, where Apollo's formatting expects
 * an object); graphql-js locates each error as locatedError does: the
 * original error kept (a plain Error with the message where graphql-js
 * makes one itself: a null in a non-null field, a leaf that cannot
 * serialize), an already located GraphQLError passed on as it is. And
 * graphql-js puts `errors` before `data`.
 */
function asGraphqlJsResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const original = error.originalError;
    if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
    const located = new GraphQLError(error.message, { path: error.path, originalError: original ?? new Error(error.message) });
    // graphql-jit computed the locations from the same field nodes graphql-js would have.
    (located as { locations?: GraphQLError['locations'] }).locations = error.locations;
    return located;
  });
  return { errors, data: result.data };
}

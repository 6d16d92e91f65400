import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { currentTraceContext, runWithContext } from '../context/request-context.js';

/**
 * OpenTelemetry's active context kept in the request context's AsyncLocalStorage instead of one of
 * its own (the SDK's default manager). On Node before 24 every AsyncLocalStorage in use adds a
 * property to every promise made anywhere in the process, and a request makes hundreds; one storage
 * for both halves that cost (bench/telemetry.mjs). Binding event emitters is not supported: nothing
 * here instruments libraries, and functions are bound as usual.
 */
export class RequestContextManager implements ContextManager {
  active(): Context {
    return (currentTraceContext() as Context | undefined) ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return runWithContext({ traceContext: context }, () => fn.apply(thisArg, args));
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const run = (call: () => unknown) => this.with(context, call);
    // a function expression, so the bound function keeps its caller's `this`
    return function (this: unknown, ...args: unknown[]) {
      return run(() => fn.apply(this, args));
    } as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    return this;
  }
}

// rate-limiter-flexible ships its store base class (the one RateLimiterPostgres extends) but
// exports only its type from the package root; the class itself is reached by path.
declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract' {
  import { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
  export = RateLimiterStoreAbstract;
}

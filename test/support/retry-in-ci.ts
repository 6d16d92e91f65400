import { jest } from '@jest/globals';

// CI runs both passes side by side on two cores, and an end-to-end test that races real timers
// (breaker resets, lease expiry, retries) can lose once to the load. It gets one more run there,
// with the first failure printed in full, so a flake stays visible in the log and a real defect
// still fails twice.
if (process.env.CI) jest.retryTimes(1, { logErrorsBeforeRetry: true });

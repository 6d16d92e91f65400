import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { PeriodicTask } from './periodic-task.js';

/**
 * A provider that owns one PeriodicTask: started once the app is up (its first pass at once
 * when `firstPassAtStart`), stopped at shutdown after the pass in progress.
 */
export abstract class ScheduledJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly task: Pick<PeriodicTask<unknown>, 'start' | 'startNow' | 'stop'>;
  protected readonly firstPassAtStart: boolean = false;

  onApplicationBootstrap(): void | Promise<void> {
    return this.firstPassAtStart ? this.task.startNow() : this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}

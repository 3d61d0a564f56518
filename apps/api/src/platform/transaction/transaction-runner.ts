import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const ambient = new AsyncLocalStorage<EntityManager>();

/**
 * The one transaction pattern: a use case calls `run(manager => …)` and hands `manager` down.
 * When the request is already inside a transaction opened by a platform mechanism (idempotency
 * wraps the use case so that its result and the stored response commit together) the use case
 * joins it instead of opening a second one.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = ambient.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => ambient.run(manager, () => work(manager)));
  }

  /** For reads: the ambient transaction's manager when there is one (so it sees its own writes), else the pool's. */
  reader(): EntityManager {
    return ambient.getStore() ?? this.dataSource.manager;
  }

  /** Opens a transaction that use cases called inside `work` will join. */
  runAmbient<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => ambient.run(manager, () => work(manager)));
  }
}

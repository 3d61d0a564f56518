import { Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../platform/auth/authenticated-user';
import { ProblemThrottlerGuard } from '../platform/throttle/problem-throttler.guard';

/** Exports of personal data per user (whatever the address): 5 in 10 minutes, then 10 minutes blocked. */
export const PERSONAL_DATA_EXPORT_LIMIT = { limit: 5, ttl: 10 * 60_000, blockDuration: 10 * 60_000 };

/**
 * The app's throttler (PostgreSQL storage shared by every instance, 429 problem+json with
 * Retry-After) with a single limit of its own, counted per authenticated user instead of the
 * sign-in limits. Runs after the global auth guard, so the user is known and the role already checked.
 */
@Injectable()
export class PersonalDataExportThrottlerGuard extends ProblemThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [
      {
        name: 'personal-data-export',
        ...PERSONAL_DATA_EXPORT_LIMIT,
        getTracker: (req: Record<string, unknown>) => {
          const user = (req as unknown as AuthenticatedRequest).user;
          return user ? `user:${user.id}` : `ip:${String((req as unknown as AuthenticatedRequest).ip)}`;
        },
      },
    ];
  }
}

import { teardownTestDatabase } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await teardownTestDatabase();
}

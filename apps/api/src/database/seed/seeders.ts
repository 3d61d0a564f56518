import { communitiesDemoSeeder } from '../../communities/communities.demo-seed';
import { deliveriesDemoSeeder } from '../../deliveries/deliveries.demo-seed';
import { donationsDemoSeeder } from '../../donations/donations.demo-seed';
import { inventoryDemoSeeder } from '../../inventory/inventory.demo-seed';
import type { DemoSeeder } from './demo-context';

/**
 * Demo seeders of the domains, in dependency order. Each runs once per database (recorded in
 * demo_seed_runs), inside the demo seed transaction, after the organisations and users exist.
 * A domain adds one line here: `import { xyzDemoSeeder } from '../../xyz/xyz.demo-seed';`.
 */
export const DEMO_SEEDERS: DemoSeeder[] = [communitiesDemoSeeder, inventoryDemoSeeder, donationsDemoSeeder, deliveriesDemoSeeder];
